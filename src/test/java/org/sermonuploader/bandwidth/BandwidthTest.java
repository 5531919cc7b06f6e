package org.sermonuploader.bandwidth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
  void livestreamNowHoldsBackForTwoHoursThenTheTimetableReturns() {
    SettableClock clock = new SettableClock(ZONE, "2026-11-29T10:00");
    Bandwidth b = new Bandwidth(BandwidthSchedule.parse("4M"), clock);
    b.setLivestream(RatePair.parse("256K"));
    b.livestreamNow();
    assertEquals(Bandwidth.OverrideKind.LIVESTREAM, b.override());
    assertEquals(256L << 10, b.inForce().up().bytesPerSecond());
    assertEquals(
        ZonedDateTime.of(LocalDateTime.parse("2026-11-29T12:00"), ZONE), b.inForce().until());
    clock.set("2026-11-29T12:00");
    assertFalse(b.overridden());
    assertEquals(4L << 20, b.inForce().up().bytesPerSecond());
    b.fullSpeedNow();
    assertFalse(b.inForce().up().limited());
    b.clearOverride();
    assertEquals(4L << 20, b.inForce().up().bytesPerSecond());
  }

  @Test
  void fullSpeedNowNeverRunsOverTheTimetablesNextChange() {
    SettableClock clock = new SettableClock(ZONE, "2026-11-29T07:00");
    Bandwidth b = new Bandwidth(BandwidthSchedule.parse("Sun-08:00,512K Sun-13:00,off"), clock);
    b.fullSpeedNow();
    assertEquals(Bandwidth.OverrideKind.FULL_SPEED, b.override());
    assertEquals(
        ZonedDateTime.of(LocalDateTime.parse("2026-11-29T07:00"), ZONE).plusHours(1),
        b.inForce().until(),
        "the livestream the timetable holds back from 08:00 still gets its line");
    clock.set("2026-11-29T08:00");
    assertEquals(512L << 10, b.inForce().up().bytesPerSecond());
    b.fullSpeedNow();
    assertEquals(
        ZonedDateTime.of(LocalDateTime.parse("2026-11-29T10:00"), ZONE), b.inForce().until());
  }
}
