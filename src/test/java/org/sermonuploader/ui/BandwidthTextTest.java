package org.sermonuploader.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.sermonuploader.app.BandwidthLimit;
import org.sermonuploader.app.UploadLimit;
import org.sermonuploader.bandwidth.Bandwidth;
import org.sermonuploader.bandwidth.BandwidthSchedule;

class BandwidthTextTest {
  private static final String SUNDAY = "Sun-08:00,512K Sun-13:00,off 22:00,off 07:00,4M";

  private static ZonedDateTime at(String local) {
    return ZonedDateTime.of(LocalDateTime.parse(local), ZoneId.of("Europe/Berlin"));
  }

  @Test
  void aLimitTypedInKOrMIsShownAsTypedToo() {
    assertEquals("262 kB/s (256K)", BandwidthText.rate(256 * 1024));
    assertEquals("2.1 MB/s (2M)", BandwidthText.rate(2 * 1024 * 1024));
    assertEquals("1.6 MB/s (1536K)", BandwidthText.rate(1536 * 1024));
    assertEquals("500 kB/s", BandwidthText.rate(500_000));
  }

  @Test
  void theCapIsShownInTheWindowsUnitsWithItsEnd() {
    ZonedDateTime sundayMorning = at("2026-11-29T09:30");
    assertEquals(
        "limited to 524 kB/s (512K) until 13:00",
        BandwidthText.cap(BandwidthLimit.at(SUNDAY, sundayMorning), sundayMorning));
    ZonedDateTime saturdayNight = at("2026-11-28T23:00");
    assertEquals("", BandwidthText.cap(BandwidthLimit.at(SUNDAY, saturdayNight), saturdayNight));
  }

  @Test
  void thePreviewNamesTheNextChange() {
    assertEquals(
        "Now limited to 524 kB/s (512K) until 13:00, then full speed.",
        BandwidthText.preview(SUNDAY, at("2026-11-29T09:30")));
    assertEquals(
        "Now full speed until Mon 07:00, then limited to 4.2 MB/s (4M).",
        BandwidthText.preview(SUNDAY, at("2026-11-29T14:00")));
    assertEquals(
        "Now limited to 8.4 MB/s (8M).", BandwidthText.preview("8M", at("2026-11-29T14:00")));
  }

  /** Settings says what the window says while Livestream now holds (it said "Now full speed."). */
  @Test
  void thePreviewNamesLivestreamNowWhileItHolds() {
    ZonedDateTime saturdayNight = at("2026-11-28T23:00");
    Bandwidth running =
        new Bandwidth(
            BandwidthSchedule.parse(SUNDAY),
            java.time.Clock.fixed(saturdayNight.toInstant(), saturdayNight.getZone()));
    running.livestreamNow();
    UploadLimit limit = UploadLimit.of(running);
    String window = BandwidthText.state(limit.inForce(), limit.override(), limit.now());
    String settings = BandwidthText.preview(SUNDAY, limit.override(), limit.inForce(), limit.now());
    assertEquals("Livestream: uploads limited to 262 kB/s (256K) until Sun 01:00", window);
    assertEquals(
        "Now limited to 262 kB/s (256K) by Livestream now until Sun 01:00, then full speed (the timetable).",
        settings);
  }
}
