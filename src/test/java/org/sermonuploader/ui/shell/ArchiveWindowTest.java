package org.sermonuploader.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.sermonuploader.ui.TestBackends.onFx;
import static org.sermonuploader.ui.TestBackends.waitFx;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.ui.Background;
import org.sermonuploader.ui.Theme;
import org.sermonuploader.ui.memory.SystemMemoryReadout;
import org.sermonuploader.ui.settings.SettingsAccess;
import org.slf4j.LoggerFactory;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A church's whole archive in one go: 2,000 small recordings dropped as one folder on the window,
 * in a JVM with a 96 MB heap (the surefire execution "archive-window" in pom.xml), uploaded to a
 * real S3 server. Every recording reaches the server, the FX thread never stalls for more than
 * 100 ms (a watcher posts to it every 20 ms and measures how late each post runs; the first second
 * after the drop is not excluded), and nothing in the log speaks of running out of memory.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ArchiveWindowTest {
  private static final int FILES = 2_000;
  private static final long STALL_LIMIT_MS = 100;

  @TempDir Path tmp;

  private Stage stage;
  private MainWindow window;
  private EmbeddedStore store;
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();

  @Start
  void start(Stage stage) {
    this.stage = stage;
  }

  @AfterEach
  void close() throws Exception {
    if (window != null) window.shutdown();
    if (store != null) store.close();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
  }

  @Test
  void twoThousandRecordingsReachTheServerWithoutStallsOrRunningOutOfMemory(FxRobot robot)
      throws Exception {
    assumeTrue(
        Runtime.getRuntime().maxMemory() <= 128L << 20,
        "runs in the archive-window surefire execution, with -Xmx96m");
    log.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);

    store = S3TestSupport.startStore(tmp.resolve("store"));
    Path archive = Files.createDirectories(tmp.resolve("archive"));
    List<Path> files = new ArrayList<>();
    for (int i = 1; i <= FILES; i++) {
      files.add(
          S3TestSupport.randomFile(
              archive, String.format("sermon-%04d.mp3", i), 2_000 + (i % 7) * 500L, i));
    }
    Map<String, String> env =
        S3TestSupport.putAppEnv(new HashMap<>(), tmp.resolve("home"), store.endpoint());
    SettingsAccess settings = SettingsAccess.of(tmp.resolve("home"), env);

    CountDownLatch ready = new CountDownLatch(1);
    robot.interact(
        () -> {
          window =
              new MainWindow(
                  Background.pool("test-ui", 3), SystemMemoryReadout.forThisMachine(), settings);
          window.setPopups(false);
          Theme.style(window);
          stage.setScene(new Scene(window, 1000, 640));
          stage.show();
          window.start(settings.opener(), ready::countDown);
        });
    assertTrue(ready.await(30, TimeUnit.SECONDS));

    PulseWatcher pulse = new PulseWatcher();
    pulse.start();
    try {
      long dropped = System.nanoTime();
      robot.interact(() -> window.dropHandler().accept(List.of(archive)));
      // the first rows show while the rest of the folder is still being read
      waitFx(5, () -> !window.queueView().shownRows().isEmpty());
      long firstRowsMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - dropped);
      assertTrue(firstRowsMs < 2_000, "first rows after " + firstRowsMs + " ms");

      // scrolling, Pause all and Resume all while the archive is being added and uploaded
      for (int i = 0; i < 20; i++) {
        int to = i * 97;
        robot.interact(() -> window.queueView().scrollTo(to));
      }
      robot.interact(() -> ((Button) window.lookup("#pause-all")).fire());
      Thread.sleep(500);
      robot.interact(() -> ((Button) window.lookup("#resume-all")).fire());

      waitFx(150, () -> window.queue().summaryProperty().get().equals("All files finished."));
      assertEquals(
          FILES + " done",
          onFx(() -> ((Button) window.lookup("#fold-done")).getText()).substring(2));
    } finally {
      pulse.stop();
    }

    var keys = S3TestSupport.keys(store);
    assertEquals(FILES, keys.size(), "objects on the server");
    for (int i : new int[] {1, 777, FILES}) {
      Path f = files.get(i - 1);
      String key =
          keys.stream()
              .filter(k -> k.endsWith(f.getFileName().toString()))
              .findFirst()
              .orElseThrow();
      assertEquals(S3TestSupport.sha256(f), S3TestSupport.downloadSha256(store, key), key);
    }
    assertTrue(
        pulse.worstMs() <= STALL_LIMIT_MS,
        "the FX thread stalled for " + pulse.worstMs() + " ms (" + pulse.samples() + " samples)");
    for (ILoggingEvent e : log.list) {
      assertTrue(!mentionsOutOfMemory(e), "out of memory in the log: " + e.getFormattedMessage());
    }
  }

  private static boolean mentionsOutOfMemory(ILoggingEvent e) {
    if (e.getFormattedMessage().contains("OutOfMemoryError")) return true;
    for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
      if (t.getClassName().equals(OutOfMemoryError.class.getName())) return true;
    }
    return false;
  }

  /** Posts to the FX thread every 20 ms and keeps the worst delay until a post ran. */
  private static final class PulseWatcher {
    private final AtomicLong worst = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private volatile boolean running = true;
    private final Thread thread =
        new Thread(
            () -> {
              while (running) {
                long posted = System.nanoTime();
                CountDownLatch ran = new CountDownLatch(1);
                Platform.runLater(
                    () -> {
                      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - posted);
                      worst.accumulateAndGet(ms, Math::max);
                      samples.incrementAndGet();
                      ran.countDown();
                    });
                try {
                  ran.await(10, TimeUnit.SECONDS);
                  Thread.sleep(20);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "pulse-watcher");

    void start() {
      thread.setDaemon(true);
      thread.start();
    }

    void stop() throws InterruptedException {
      running = false;
      thread.join(15_000);
    }

    long worstMs() {
      return worst.get();
    }

    long samples() {
      return samples.get();
    }
  }
}
