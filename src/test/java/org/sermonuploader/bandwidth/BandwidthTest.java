package org.sermonuploader.bandwidth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class BandwidthTest {
  private static final ZoneId ZONE = ZoneId.of("Europe/London");

  @Test
  void theTimetableSwitchesAtItsBoundary() {
    SettableClock clock = new SettableClock(ZONE, "2026-11-29T12:59:59");
    Bandwidth b =
        new Bandwidth(BandwidthSchedule.parse("Sun-08:00,512K Sun-13:00,off 07:00,4M"), clock);
    assertEquals(512L << 10, b.inForce().up().bytesPerSecond());
    assertEquals(
        ZonedDateTime.of(LocalDateTime.parse("2026-11-29T13:00"), ZONE), b.inForce().until());
    clock.advance(Duration.ofSeconds(1));
    assertFalse(b.inForce().up().limited(), "13:00 sharp: full speed");
    assertEquals(
        ZonedDateTime.of(LocalDateTime.parse("2026-11-30T07:00"), ZONE), b.inForce().until());
  }

  @Test
  void anOverrideHoldsForItsPeriodThenTheTimetableReturns() {
    SettableClock clock = new SettableClock(ZONE, "2026-11-29T10:00");
    Bandwidth b = new Bandwidth(BandwidthSchedule.parse("4M"), clock);
    b.overrideFor(RatePair.parse("256K"), Duration.ofHours(2));
    assertTrue(b.overridden());
    assertEquals(256L << 10, b.inForce().up().bytesPerSecond());
    assertEquals(
        ZonedDateTime.of(LocalDateTime.parse("2026-11-29T12:00"), ZONE), b.inForce().until());
    clock.set("2026-11-29T12:00");
    assertFalse(b.overridden());
    assertEquals(4L << 20, b.inForce().up().bytesPerSecond());
    b.overrideFor(RatePair.UNLIMITED, Duration.ofHours(1));
    assertFalse(b.inForce().up().limited());
    b.clearOverride();
    assertEquals(4L << 20, b.inForce().up().bytesPerSecond());
  }
}
