package org.sermonuploader.ui.shell;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.ui.TestBackends.recording;
import static org.sermonuploader.ui.TestBackends.waitFx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.PressureLevel;
import org.sermonuploader.ui.Background;
import org.sermonuploader.ui.FakeTransfer;
import org.sermonuploader.ui.TestBackends;
import org.sermonuploader.ui.Theme;
import org.sermonuploader.ui.settings.SettingsAccess;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Ten files queued and a large one uploading, with an engine far chattier than the real one: the FX
 * thread keeps answering quickly and no row changes more than ten times a second.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class WindowResponsivenessTest {
  @TempDir Path tmp;

  private Stage stage;
  private MainWindow window;
  private final FakeTransfer transfer = new FakeTransfer();

  @Start
  void start(Stage stage) {
    this.stage = stage;
  }

  @AfterEach
  void close() {
    transfer.runFreely();
    if (window != null) window.shutdown();
  }

  @Test
  void staysResponsiveWithTenFilesQueuedAndOneLargeUploading(FxRobot robot) throws Exception {
    CountDownLatch ready = new CountDownLatch(1);
    robot.interact(
        () -> {
          window =
              new MainWindow(
                  Background.pool("test-ui", 3),
                  TestBackends.fixedMemory(PressureLevel.NORMAL),
                  SettingsAccess.of(tmp.resolve("data"), Map.of()));
          window.setPopups(false);
          Theme.style(window);
          stage.setScene(new Scene(window, 1000, 640));
          stage.show();
          window.start(TestBackends.fake(tmp.resolve("data"), transfer), ready::countDown);
        });
    assertTrue(ready.await(20, TimeUnit.SECONDS));
    List<Path> files = new ArrayList<>();
    files.add(recording(tmp, "large.wav", 200L << 20)); // 40 parts
    for (int i = 1; i <= 10; i++) files.add(recording(tmp, "small-" + i + ".mp3", 1 << 20));
    robot.interact(() -> window.dropHandler().accept(files));
    waitFx(20, () -> window.queue().rows().size() == 11);

    // the server takes a 5 MiB part every 60 ms (about 80 MB/s)
    Thread server =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                transfer.permits.release();
                try {
                  Thread.sleep(60);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "paced-server");
    server.setDaemon(true);
    server.start();
    waitFx(20, () -> window.queue().row(1).snapshot().state() == JobState.UPLOADING);

    // a flood of progress events, as a far chattier engine would send: 2000 a second for one row
    JobSnapshot large = window.host().queue().job(1).orElseThrow();
    AtomicInteger rowUpdates = new AtomicInteger();
    robot.interact(
        () ->
            window
                .queue()
                .row(1)
                .snapshotProperty()
                .addListener((o, a, b) -> rowUpdates.incrementAndGet()));
    Thread flood =
        new Thread(
            () -> {
              long n = 0;
              while (!Thread.currentThread().isInterrupted()) {
                window
                    .coalescer()
                    .jobChanged(
                        new JobSnapshot(
                            large.id(),
                            large.path(),
                            large.fileName(),
                            large.size(),
                            null,
                            JobState.UPLOADING,
                            (n++ * 1000) % large.size(),
                            80e6,
                            3,
                            null,
                            null,
                            null,
                            large.details(),
                            0,
                            0));
                if (n % 2 == 0) {
                  try {
                    Thread.sleep(1);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              }
            },
            "event-flood");
    flood.setDaemon(true);

    List<Long> delays = Collections.synchronizedList(new ArrayList<>());
    long start = System.nanoTime();
    flood.start();
    while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3)) {
      long posted = System.nanoTime();
      CountDownLatch ran = new CountDownLatch(1);
      Platform.runLater(
          () -> {
            delays.add(System.nanoTime() - posted);
            ran.countDown();
          });
      ran.await(5, TimeUnit.SECONDS);
      Thread.sleep(20);
    }
    flood.interrupt();
    double seconds = (System.nanoTime() - start) / 1e9;
    server.interrupt();

    List<Long> sorted = new ArrayList<>(delays);
    Collections.sort(sorted);
    long p50 = sorted.get(sorted.size() / 2) / 1_000_000;
    long p99 = sorted.get((int) (sorted.size() * 0.99)) / 1_000_000;
    long max = sorted.get(sorted.size() - 1) / 1_000_000;
    double perSecond = rowUpdates.get() / seconds;
    System.out.printf(
        "FX thread answer time while uploading: p50 %d ms, p99 %d ms, max %d ms (%d probes); "
            + "row updates %.1f/s%n",
        p50, p99, max, sorted.size(), perSecond);
    assertTrue(max < 500, "the FX thread answered within half a second (max " + max + " ms)");
    assertTrue(perSecond <= 11, "the row changed at most ten times a second (" + perSecond + "/s)");
    assertTrue(perSecond >= 5, "the row kept moving (" + perSecond + "/s)");
  }
}
