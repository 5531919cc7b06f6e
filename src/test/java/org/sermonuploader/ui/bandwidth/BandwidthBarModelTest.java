package org.sermonuploader.ui.bandwidth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.sermonuploader.app.UploadLimit;
import org.sermonuploader.bandwidth.Bandwidth;
import org.sermonuploader.bandwidth.BandwidthSchedule;
import org.sermonuploader.bandwidth.ClockSync;
import org.sermonuploader.bandwidth.SettableClock;
import org.sermonuploader.ui.Background;

/** The window warns that a timetable may apply the wrong limit while the clock is not set. */
class BandwidthBarModelTest {
  private final AtomicBoolean synced = new AtomicBoolean(false);
  private final Bandwidth bandwidth =
      new Bandwidth(
          BandwidthSchedule.parse("Sun-08:00,512K Sun-13:00,off"),
          new SettableClock(ZoneId.of("Europe/London"), "2026-11-29T10:00"));
  private final BandwidthBarModel model =
      new BandwidthBarModel(
          () -> UploadLimit.of(bandwidth), synced::get, Background.direct(), Runnable::run);

  @Test
  void anUnsetClockIsNamedUntilItIsSet() {
    model.checkClock();
    assertEquals(ClockSync.WARNING, model.clockWarningProperty().get());
    synced.set(true);
    model.checkClock();
    assertEquals("", model.clockWarningProperty().get());
  }

  @Test
  void aLivestreamHoldOutlivesReopeningTheUploaderWithOtherSettings() {
    AtomicReference<Bandwidth> running = new AtomicReference<>(bandwidth);
    BandwidthBarModel shown =
        new BandwidthBarModel(
            () -> UploadLimit.of(running.get()), synced::get, Background.direct(), Runnable::run);
    shown.refresh();
    shown.livestreamNow();
    Bandwidth reopened =
        new Bandwidth(
            BandwidthSchedule.parse("Sun-08:00,512K Sun-13:00,off"),
            new SettableClock(ZoneId.of("Europe/London"), "2026-11-29T10:05"));
    running.set(reopened);
    shown.refresh();
    assertEquals(Bandwidth.OverrideKind.LIVESTREAM, reopened.override());
    assertEquals(256L << 10, reopened.inForce().up().bytesPerSecond());
    assertEquals(
        "Livestream: uploads limited to 262 kB/s (256K) until 12:00", shown.textProperty().get());
  }

  @Test
  void aSingleRateNeedsNoClock() {
    bandwidth.setSchedule(BandwidthSchedule.parse("512K"));
    model.checkClock();
    assertEquals("", model.clockWarningProperty().get());
  }

  /** With no timetable there is none to go back to: the button says where the limit returns. */
  @Test
  void theWayBackSaysWhereItLeads() {
    bandwidth.setSchedule(BandwidthSchedule.OFF);
    bandwidth.livestreamNow();
    model.refresh();
    assertEquals("Back to full speed", model.backTextProperty().get());
    bandwidth.setSchedule(BandwidthSchedule.parse("512K"));
    model.refresh();
    assertEquals("Back to the usual limit", model.backTextProperty().get());
    bandwidth.setSchedule(BandwidthSchedule.parse("Sun-08:00,512K Sun-13:00,off"));
    model.refresh();
    assertEquals("Back to the timetable", model.backTextProperty().get());
  }
}
