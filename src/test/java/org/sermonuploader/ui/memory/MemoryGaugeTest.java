package org.sermonuploader.ui.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.ui.TestBackends.onFx;
import static org.sermonuploader.ui.TestBackends.waitFx;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sermonuploader.model.PressureLevel;
import org.sermonuploader.ui.Background;
import org.sermonuploader.ui.Theme;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MemoryGaugeTest {
  private final AtomicReference<MemoryReadout.Reading> reading =
      new AtomicReference<>(
          new MemoryReadout.Reading(
              900L << 20, 1L << 30, 150L << 20, 4L << 30, PressureLevel.CRITICAL));
  private MemoryGauge gauge;

  @Start
  void start(Stage stage) {
    gauge = new MemoryGauge(new MemoryGaugeModel(), reading::get, Background.pool("test-gauge", 1));
    Theme.style(gauge);
    stage.setScene(new Scene(gauge, 700, 40));
    stage.show();
    gauge.start();
  }

  /** Waits for the next pulse to style the dot, then checks its colour. */
  private static void assertDotColour(FxRobot robot, String css) throws Exception {
    Color want = Color.web(css);
    try {
      waitFx(
          5,
          () -> {
            javafx.scene.layout.Background bg =
                robot.lookup(".level-dot").queryAs(Region.class).getBackground();
            return bg != null && want.equals(bg.getFills().get(0).getFill());
          });
    } catch (java.util.concurrent.TimeoutException e) {
      javafx.scene.layout.Background bg =
          onFx(() -> robot.lookup(".level-dot").queryAs(Region.class).getBackground());
      throw new AssertionError(
          "the level dot is not "
              + css
              + ": "
              + (bg == null ? "no background" : bg.getFills().get(0).getFill()));
    }
  }

  @Test
  void showsTheLevelItIsGivenInWordsAndColourAndUpdatesEverySecond(FxRobot robot) throws Exception {
    waitFx(
        5,
        () -> robot.lookup(".level-text").queryAs(Label.class).getText().equals("memory critical"));
    assertTrue(onFx(() -> gauge.getStyleClass().contains("level-critical")));
    assertDotColour(robot, "#c62828");
    assertEquals(
        "App 943.7 MB · 22 % of memory",
        onFx(() -> robot.lookup(".heap-text").queryAs(Label.class).getText()),
        "the app's memory as a share of the computer's 4 GiB");
    String tip = onFx(() -> gauge.model().tooltipProperty().get());
    assertTrue(
        tip.startsWith(
            "Memory used by the app: 943.7 MB, 22 % of this computer's memory, of the 1.1 GB it"
                + " may use"),
        tip);
    assertEquals(
        "Free 157.3 MB", onFx(() -> robot.lookup(".system-text").queryAs(Label.class).getText()));

    reading.set(
        new MemoryReadout.Reading(100L << 20, 1L << 30, 3L << 30, 4L << 30, PressureLevel.NORMAL));
    waitFx(5, () -> robot.lookup(".level-text").queryAs(Label.class).getText().equals("memory OK"));
    assertFalse(onFx(() -> gauge.getStyleClass().contains("level-critical")));
    assertDotColour(robot, "#2e7d32");
    int samples = onFx(() -> gauge.model().historyProperty().get().size());
    assertTrue(samples >= 2, "the sparkline has the samples so far");

    reading.set(new MemoryReadout.Reading(850L << 20, 1L << 30, -1, -1, PressureLevel.WARNING));
    waitFx(
        5, () -> robot.lookup(".level-text").queryAs(Label.class).getText().equals("memory tight"));
    assertDotColour(robot, "#d98b00");
    assertEquals(
        "",
        onFx(() -> robot.lookup(".system-text").queryAs(Label.class).getText()),
        "no /proc/meminfo: heap only");
    assertEquals(
        "App 891.3 MB of 1.1 GB",
        onFx(() -> robot.lookup(".heap-text").queryAs(Label.class).getText()),
        "the computer's memory unknown: against the budget");
    gauge.stop();
  }
}
