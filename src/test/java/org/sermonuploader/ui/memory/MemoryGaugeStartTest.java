package org.sermonuploader.ui.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sermonuploader.ui.TestBackends.onFx;
import static org.sermonuploader.ui.TestBackends.waitFx;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sermonuploader.app.MemoryWatch;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.memory.MemoryMonitor;
import org.sermonuploader.memory.MemoryPolicy;
import org.sermonuploader.memory.MemoryProbe;
import org.sermonuploader.model.MemorySample;
import org.sermonuploader.ui.Background;
import org.sermonuploader.ui.Theme;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The gauge as the window starts it: no backend yet, then one whose settings give the app a budget
 * other than the default one.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MemoryGaugeStartTest {
  /** The app at 234 MiB resident, 2000 MiB free of 4000. */
  private final MemoryProbe probe = () -> MemorySample.ofMegabytes(234, 2000, 4000);

  private final Settings settings = Settings.defaults().with(Setting.MAX_MEMORY_MONITOR_MB, "1000");
  private final AtomicReference<Optional<MemoryWatch>> monitor =
      new AtomicReference<>(Optional.empty());
  private final SystemMemoryReadout fallback = new SystemMemoryReadout(probe::sample);
  private final AtomicInteger reads = new AtomicInteger();
  private final List<String> figuresShown = new CopyOnWriteArrayList<>();
  private MemoryGauge gauge;

  @Start
  void start(Stage stage) {
    MemoryReadout live = new MonitorReadout(monitor::get, fallback);
    MemoryReadout counted =
        () -> {
          MemoryReadout.Reading r = live.read();
          reads.incrementAndGet();
          return r;
        };
    gauge = new MemoryGauge(new MemoryGaugeModel(), counted, Background.pool("test-gauge", 1));
    gauge.model().heapTextProperty().addListener((o, a, b) -> figuresShown.add(b));
    Theme.style(gauge);
    stage.setScene(new Scene(gauge, 700, 40));
    stage.show();
    gauge.start();
  }

  private static String text(FxRobot robot, String css) throws Exception {
    return onFx(() -> robot.lookup(css).queryAs(Label.class).getText());
  }

  @Test
  void showsMeasuringUntilTheMonitorsFirstReadingAndNeverFiguresOfAnotherKind(FxRobot robot)
      throws Exception {
    // two samples taken and the first one's answer applied: the gauge has had its chance to speak
    waitFx(5, () -> reads.get() >= 2);
    assertEquals("measuring…", text(robot, ".level-text"));
    assertEquals("", text(robot, ".heap-text"), "no figures before the monitor's");
    assertEquals("", text(robot, ".system-text"));
    assertEquals(0.0, onFx(() -> gauge.model().heapFractionProperty().get()), "the bar is empty");
    assertEquals(List.of(), onFx(() -> gauge.model().historyProperty().get()), "no sparkline");

    // the backend opens as the window does it: its monitor starts, the fallback learns its settings
    MemoryMonitor m =
        new MemoryMonitor(MemoryPolicy.fromSettings(settings), probe, Duration.ofDays(1));
    m.sampleNow();
    fallback.useSettings(settings);
    monitor.set(Optional.of(MemoryWatch.of(m)));
    waitFx(5, () -> text(robot, ".level-text").equals("memory OK"));
    assertEquals("App 245.4 MB · 6 % of memory", text(robot, ".heap-text"), "234 MiB of 4000 MiB");
    assertEquals("Free 2.1 GB", text(robot, ".system-text"));

    // settings applied again: the monitor is gone for a while and the fallback speaks meanwhile
    monitor.set(Optional.empty());
    int before = reads.get();
    waitFx(5, () -> reads.get() >= before + 2);
    assertEquals("App 245.4 MB · 6 % of memory", text(robot, ".heap-text"));

    gauge.stop();
    assertEquals(
        List.of("App 245.4 MB · 6 % of memory"),
        figuresShown,
        "the first figures shown are the only kind shown");
  }
}
