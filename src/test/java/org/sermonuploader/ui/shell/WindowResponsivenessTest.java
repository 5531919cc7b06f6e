package org.sermonuploader.ui.shell;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.ui.TestBackends.recording;
import static org.sermonuploader.ui.TestBackends.waitFx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.ui.FakeTransfer;
import org.testfx.api.FxRobot;

/**
 * Ten files queued and a large one uploading, with an engine far chattier than the real one: the FX
 * thread keeps answering quickly and no row changes more than ten times a second.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class WindowResponsivenessTest {
  @RegisterExtension final WindowFixture fx = new WindowFixture();
  @TempDir Path tmp;

  private MainWindow window;
  private final FakeTransfer transfer = fx.transfer();

  @Test
  void staysResponsiveWithTenFilesQueuedAndOneLargeUploading(FxRobot robot) throws Exception {
    window = fx.onFake(tmp.resolve("data")).open();
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
