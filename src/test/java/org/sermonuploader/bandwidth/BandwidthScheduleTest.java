package org.sermonuploader.bandwidth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BandwidthScheduleTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  /** 2026-11-29 is a Sunday. */
  private static ZonedDateTime at(String localDateTime) {
    return ZonedDateTime.of(LocalDateTime.parse(localDateTime), BERLIN);
  }

  private static long up(String setting, String when) {
    return BandwidthSchedule.parse(setting).at(at(when)).up().bytesPerSecond();
  }

  @ParameterizedTest
  @CsvSource({
    "512, 524288", // a bare number is KiB/s, as in rclone
    "512K, 524288",
    "512k, 524288",
    "8M, 8388608",
    "8m, 8388608",
    "1G, 1073741824",
    "1g, 1073741824",
    "1000B, 1000",
    "1000b, 1000",
    "0.5M, 524288",
    "1.5K, 1536",
    "off, 0",
    "OFF, 0",
    "0, 0",
    "' 4M ', 4194304"
  })
  void aSingleRateLimitsBothWays(String text, long bytesPerSecond) {
    LimitInForce limit = BandwidthSchedule.parse(text).at(at("2026-11-29T10:00"));
    assertEquals(bytesPerSecond, limit.rates().up().bytesPerSecond());
    assertEquals(bytesPerSecond, limit.rates().down().bytesPerSecond());
    assertNull(limit.until(), "a single rate never changes");
  }

  @Test
  void emptyMeansNoLimit() {
    assertFalse(BandwidthSchedule.parse("").at(at("2026-11-29T10:00")).up().limited());
    assertFalse(BandwidthSchedule.parse(null).at(at("2026-11-29T10:00")).up().limited());
  }

  @Test
  void anUpDownPairLimitsEachWayOnItsOwn() {
    RatePair rates = BandwidthSchedule.parse("4M:off").at(at("2026-11-29T10:00")).rates();
    assertEquals(4L << 20, rates.up().bytesPerSecond());
    assertFalse(rates.down().limited());
    rates = BandwidthSchedule.parse("256k:10M").at(at("2026-11-29T10:00")).rates();
    assertEquals(256L << 10, rates.up().bytesPerSecond());
    assertEquals(10L << 20, rates.down().bytesPerSecond());
  }

  @Test
  void theLatestEntryAtOrBeforeNowIsInForce() {
    String t = "Sun-08:00,512K Sun-13:00,off 22:00,off 07:00,4M";
    assertEquals(512L << 10, up(t, "2026-11-29T08:00")); // Sunday, on the minute
    assertEquals(512L << 10, up(t, "2026-11-29T12:59"));
    assertEquals(0, up(t, "2026-11-29T13:00"));
    assertEquals(4L << 20, up(t, "2026-11-29T07:30")); // Sunday 07:00 every day applies
    assertEquals(0, up(t, "2026-11-29T23:00"));
    assertEquals(0, up(t, "2026-11-30T03:00")); // Monday night: Sunday's 22:00 entry
    assertEquals(4L << 20, up(t, "2026-11-25T10:00")); // Wednesday
  }

  @Test
  void beforeTheWeeksFirstEntryTheLastOneOfTheWeekApplies() {
    String t = "Wed-09:00,1M Fri-18:00,2M";
    assertEquals(2L << 20, up(t, "2026-11-23T10:00")); // Monday: wraps back to Friday's entry
    assertEquals(1L << 20, up(t, "2026-11-26T10:00")); // Thursday
    assertEquals(2L << 20, up(t, "2026-11-29T10:00")); // Sunday
  }

  @Test
  void daysAreReadInAnyCaseAndInFull() {
    assertEquals(1L << 20, up("sun-08:00,1M MON-08:00,2M", "2026-11-29T09:00"));
    assertEquals(2L << 20, up("Sunday-08:00,1M monday-08:00,2M", "2026-11-30T09:00"));
  }

  @Test
  void untilIsTheNextChangeOfRate() {
    BandwidthSchedule t =
        BandwidthSchedule.parse("Sun-08:00,512K Sun-13:00,off 22:00,off 07:00,4M");
    LimitInForce sundayMorning = t.at(at("2026-11-29T09:15"));
    assertEquals(at("2026-11-29T13:00"), sundayMorning.until());
    // 22:00,off follows 13:00,off on Sunday: the next change is Monday 07:00
    assertEquals(at("2026-11-30T07:00"), t.at(at("2026-11-29T14:00")).until());
    assertTrue(t.timetable());
    assertFalse(BandwidthSchedule.parse("4M").timetable());
  }

  @Test
  void untilFollowsDaylightSaving() {
    // Berlin leaves summer time on 2026-10-25 at 03:00: 07:00 the next morning is still 07:00
    BandwidthSchedule t = BandwidthSchedule.parse("07:00,1M 22:00,off");
    ZonedDateTime lateSaturday = at("2026-10-24T23:00");
    ZonedDateTime until = t.at(lateSaturday).until();
    assertEquals(LocalDateTime.parse("2026-10-25T07:00"), until.toLocalDateTime());
    assertEquals(9, java.time.Duration.between(lateSaturday, until).toHours());
  }

  @Test
  void aTimetableWithOneRateNeverChanges() {
    assertNull(BandwidthSchedule.parse("08:00,1M 20:00,1M").at(at("2026-11-29T10:00")).until());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "fast",
        "-1M",
        "8X",
        "8MB",
        "8 M",
        "1M:2M:3M",
        ":4M",
        "Sun-8,1M",
        "Sun-08:00",
        "Sun-08:00,",
        "Sun-08:00,fast",
        "Sonntag-08:00,1M",
        "24:00,1M",
        "12:60,1M",
        "08:00,1M fast",
        "0.1B"
      })
  void badValuesAreRefusedWithAReason(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BandwidthSchedule.parse(text));
    assertTrue(e.getMessage().contains("'"), e.getMessage());
  }

  @Test
  void theReasonNamesTheWrongPart() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> BandwidthSchedule.parse("Sun-08:00,512K Sonntag-13:00,off"));
    assertTrue(e.getMessage().contains("'Sonntag' is not a day"), e.getMessage());
  }

  @Test
  void ratesPrintInTheSettingsSyntax() {
    assertEquals("512K", Rate.parse("512").toString());
    assertEquals("8M", Rate.parse("8m").toString());
    assertEquals("off", Rate.parse("0").toString());
    assertEquals("1000B", Rate.parse("1000b").toString());
    assertEquals("4M:off", RatePair.parse("4M:off").toString());
  }
}
