package org.sermonuploader.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The speed a row shows, from samples taken every 200 ms (times given, no clock). */
class RateMeterTest {
  private static final long MS = 1_000_000L;

  @Test
  void aSteadyUploadShowsItsSpeed() {
    RateMeter m = new RateMeter();
    for (int i = 0; i <= 10; i++) m.record(i * 200L * MS, i * 400_000L);
    assertEquals(2_000_000, m.bytesPerSecond(), 1);
  }

  @Test
  void anUploadThatStopsMovingShowsNoSpeedAfterASecond() {
    RateMeter m = new RateMeter();
    for (int i = 0; i <= 10; i++) m.record(i * 200L * MS, i * 400_000L);
    // the server stopped answering: the ticks go on, the bytes do not
    for (int i = 11; i <= 14; i++) m.record(i * 200L * MS, 4_000_000L);
    assertTrue(m.bytesPerSecond() > 0, "within the first second it may still show");
    m.record(15 * 200L * MS, 4_000_000L);
    assertEquals(0, m.bytesPerSecond());
    // and moves again once the bytes do
    m.record(16 * 200L * MS, 4_400_000L);
    assertTrue(m.bytesPerSecond() > 0);
  }
}
