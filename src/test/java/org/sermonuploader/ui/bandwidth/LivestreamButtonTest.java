package org.sermonuploader.ui.bandwidth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.ui.TestBackends.onFx;
import static org.sermonuploader.ui.TestBackends.recording;
import static org.sermonuploader.ui.TestBackends.waitFx;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.app.UploadQueue;
import org.sermonuploader.bandwidth.Bandwidth;
import org.sermonuploader.bandwidth.BandwidthSchedule;
import org.sermonuploader.bandwidth.RatePair;
import org.sermonuploader.bandwidth.SettableClock;
import org.sermonuploader.ui.NoticeBanner;
import org.sermonuploader.ui.shell.MainWindow;
import org.sermonuploader.ui.shell.WindowFixture;
import org.testfx.api.FxRobot;

/**
 * The window's one-tap overrides and its limit line: a tap changes the rate the engine sends at and
 * the text at once; a new timetable saved in Settings is in force without restarting the engine.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LivestreamButtonTest {
  private static final ZoneId ZONE = ZoneId.of("Europe/London");

  @RegisterExtension final WindowFixture fx = new WindowFixture();

  @TempDir Path tmp;

  private MainWindow window;
  // Sunday 10:00: the timetable holds uploads back until 13:00
  private final SettableClock clock = new SettableClock(ZONE, "2026-11-29T10:00");
  private final Bandwidth bandwidth =
      new Bandwidth(BandwidthSchedule.parse("Sun-08:00,512K Sun-13:00,off"), clock);

  private void open(boolean kiosk, double w, double h) throws Exception {
    bandwidth.setLivestream(RatePair.parse("256K"));
    window = fx.onFake(tmp.resolve("data")).kiosk(kiosk).size(w, h).bandwidth(bandwidth).open();
  }

  private String shownLimit(FxRobot robot) throws Exception {
    return onFx(() -> robot.lookup("#bandwidth-state").queryAs(Label.class).getText());
  }

  private boolean shown(FxRobot robot, String id) throws Exception {
    return onFx(() -> robot.lookup(id).query().isVisible());
  }

  @Test
  void livestreamNowHoldsUploadsBackAtOnceAndTheTimetableComesBack(FxRobot robot) throws Exception {
    open(false, 1100, 700);
    // a recording held in its first part, so the queue summary shows the limit too
    Path file = recording(tmp, "2026-11-29 Morning service.wav", 12L << 20);
    robot.interact(() -> window.dropHandler().accept(List.of(file)));
    waitFx(10, () -> window.queue().summaryProperty().get().contains("limited to 524 kB/s (512K)"));
    waitFx(5, () -> !shownLimit(robot).isEmpty());
    assertEquals("Uploads: limited to 524 kB/s (512K) until 13:00", shownLimit(robot));
    assertFalse(shown(robot, "#back-to-timetable"));

    robot.clickOn("#livestream-now");
    assertEquals("Livestream: uploads limited to 262 kB/s (256K) until 12:00", shownLimit(robot));
    assertEquals(256L << 10, window.host().queue().limit().inForce().upBytesPerSecond());
    assertTrue(
        window
            .queue()
            .summaryProperty()
            .get()
            .endsWith(" · limited to 262 kB/s (256K) until 12:00"),
        window.queue().summaryProperty().get());
    assertFalse(shown(robot, "#livestream-now"), "already on");
    assertTrue(shown(robot, "#back-to-timetable"));

    robot.clickOn("#full-speed-now");
    assertEquals("Full speed now until 12:00, then the timetable", shownLimit(robot));
    assertFalse(window.host().queue().limit().inForce().limited());

    robot.clickOn("#back-to-timetable");
    assertEquals("Uploads: limited to 524 kB/s (512K) until 13:00", shownLimit(robot));
    assertNull(window.host().queue().limit().override());
    assertEquals(512L << 10, window.host().queue().limit().inForce().upBytesPerSecond());

    // two hours on, the livestream's hold ends by itself
    robot.clickOn("#livestream-now");
    clock.set("2026-11-29T12:00");
    waitFx(5, () -> shownLimit(robot).equals("Uploads: limited to 524 kB/s (512K) until 13:00"));
  }

  @Test
  void inKioskModeTheButtonIsTouchSizedAndOnScreen(FxRobot robot) throws Exception {
    open(true, 800, 480);
    waitFx(10, () -> robot.lookup("#livestream-now").query().getBoundsInLocal().getHeight() >= 48);
    Bounds b =
        onFx(
            () -> {
              Node n = robot.lookup("#livestream-now").query();
              return n.localToScene(n.getBoundsInLocal());
            });
    assertTrue(b.getHeight() >= 48 && b.getWidth() >= 48, "too small to tap: " + b);
    assertTrue(b.getMinX() >= 0 && b.getMaxX() <= 800 && b.getMaxY() <= 480, "cut off: " + b);
    robot.clickOn("#livestream-now");
    assertEquals("Livestream: uploads limited to 262 kB/s (256K) until 12:00", shownLimit(robot));
    assertEquals(256L << 10, bandwidth.inForce().up().bytesPerSecond());
  }

  @Test
  void aTimetableSavedInSettingsIsInForceWithoutRestartingTheEngine(FxRobot robot)
      throws Exception {
    open(false, 1100, 700);
    UploadQueue before = window.host().queue();
    robot.clickOn("#open-settings");
    waitFx(10, () -> robot.lookup("#bandwidth-limit").tryQuery().isPresent());
    robot.interact(
        () -> {
          robot.lookup("#bandwidth-limit").queryAs(TextField.class).setText("2M");
          robot.lookup("#livestream-limit").queryAs(TextField.class).setText("128K");
        });
    robot.clickOn("#save-settings");
    waitFx(10, () -> shownLimit(robot).equals("Uploads: limited to 2.1 MB/s (2M)"));
    assertSame(before, window.host().queue(), "the engine was restarted");
    assertEquals(2L << 20, bandwidth.inForce().up().bytesPerSecond());
    assertEquals(128L << 10, bandwidth.livestream().up().bytesPerSecond());
    waitFx(
        5,
        () ->
            robot
                .lookup("#notice")
                .queryAs(NoticeBanner.class)
                .text()
                .equals("Settings saved and in use."));
  }
}
