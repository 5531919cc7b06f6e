package org.sermonuploader.ui.shell;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.app.StickUploads;
import org.sermonuploader.app.UploadQueue;
import org.sermonuploader.model.ConnectionReport;
import org.sermonuploader.model.StickOfferListener;
import org.sermonuploader.ui.Background;
import org.sermonuploader.ui.UploadBackend;
import org.sermonuploader.ui.queue.QueueViewModel;
import org.sermonuploader.ui.queue.SnapshotCoalescer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the backend the window runs on: opens it off the FX thread, removes the due leftovers on the
 * server, starts the engine (so unfinished uploads from the journal continue by themselves), then
 * the USB stick and watch folder sources; replaces it after the settings change, and closes it when
 * the window closes.
 */
public final class EngineHost {
  private static final Logger log = LoggerFactory.getLogger(EngineHost.class);
  private static final Duration CHECK_LIMIT = Duration.ofSeconds(20);

  private final Background background;
  private final Executor ui;
  private final SnapshotCoalescer coalescer;
  private final QueueViewModel queue;
  private final ReadOnlyObjectWrapper<UploadBackend> backend = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Starting…");
  private final ReadOnlyBooleanWrapper connectionProblem = new ReadOnlyBooleanWrapper();
  private final Object lock = new Object();
  private volatile @Nullable UploadBackend current;
  private Consumer<List<String>> onNotices = n -> {};
  private Consumer<String> onLateNotice = n -> {};
  private volatile Function<StickUploads, StickOfferListener> usbDialogs = u -> null;

  public EngineHost(
      Background background, Executor ui, SnapshotCoalescer coalescer, QueueViewModel queue) {
    this.background = background;
    this.ui = ui;
    this.coalescer = coalescer;
    this.queue = queue;
  }

  public void setOnNotices(Consumer<List<String>> onNotices) {
    this.onNotices = onNotices;
  }

  /** News of the running backend after it started (on the FX thread). */
  public void setOnLateNotice(Consumer<String> onLateNotice) {
    this.onLateNotice = onLateNotice;
  }

  /** Makes the listener for a backend's USB stick offers (the USB dialog). */
  public void setUsbDialogs(Function<StickUploads, StickOfferListener> usbDialogs) {
    this.usbDialogs = usbDialogs;
  }

  /** The running backend, or null while none is open. Safe from any thread. */
  public @Nullable UploadBackend backend() {
    return current;
  }

  /** The running backend's queue, or null while none is open. Safe from any thread. */
  public @Nullable UploadQueue queue() {
    UploadBackend b = current;
    return b == null ? null : b.queue();
  }

  /**
   * Closes the current backend (its jobs stay in the journal), opens a new one and starts it.
   * {@code onReady} runs on the FX thread once the new engine runs.
   */
  public void open(UploadBackend.Opener opener, Runnable onReady) {
    open(opener, false, onReady);
  }

  /**
   * Like {@link #open(UploadBackend.Opener, Runnable)}; with {@code startingOver} the old backend's
   * begun uploads are aborted on its server and start at 0 on the new one (a change of server).
   */
  public void open(UploadBackend.Opener opener, boolean startingOver, Runnable onReady) {
    ui.execute(() -> status.set(current == null ? "Starting…" : "Applying the new settings…"));
    background.run(
        () -> {
          synchronized (lock) {
            UploadBackend old = current;
            if (old != null) {
              current = null;
              old.queue().stopListening(coalescer);
              if (startingOver) old.closeStartingOver();
              else old.close();
              coalescer.drain(); // events of the old engine are stale now
              CountDownLatch cleared = new CountDownLatch(1);
              ui.execute(
                  () -> {
                    queue.clear();
                    cleared.countDown();
                  });
              try {
                cleared.await(5, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
              }
            }
            UploadBackend b;
            try {
              b = opener.open();
            } catch (Exception e) {
              log.error("Could not open the uploader", e);
              String why = e.getMessage() == null ? e.toString() : e.getMessage();
              ui.execute(
                  () -> {
                    backend.set(null);
                    status.set("Not ready: " + why + " Check the settings.");
                  });
              return;
            }
            List<String> notices = new ArrayList<>();
            try {
              b.queue().listen(coalescer);
              notices.addAll(b.start(usbDialogs));
              coalescer.seed(b.queue().jobs());
            } catch (Exception e) {
              log.error("Could not start the engine", e);
              b.close();
              ui.execute(() -> status.set("Not ready: " + e.getMessage()));
              return;
            }
            current = b;
            b.setLateNotices(line -> ui.execute(() -> onLateNotice.accept(line)));
            notices.addAll(0, b.notices());
            ui.execute(
                () -> {
                  backend.set(b);
                  status.set("Checking the connection to " + destination(b) + "…");
                  onNotices.accept(notices); // also when empty: the old backend's news is stale now
                  if (onReady != null) onReady.run();
                });
          }
          // at start and after the settings change, so a wrong secret shows before any file
          checkConnection();
        });
  }

  private static String destination(UploadBackend b) {
    return b.queue().destination().replace("http://", "").replace("https://", "");
  }

  /**
   * Runs the same check as Test connection on the running destination, off the FX thread. The
   * status bar keeps the first problem it finds until a later check passes.
   */
  public void checkConnection() {
    UploadBackend b = current;
    if (b == null) return;
    background.run(
        () -> {
          ConnectionReport report;
          try {
            report = b.queue().checkConnection(CHECK_LIMIT);
          } catch (RuntimeException e) {
            log.warn("The connection check failed", e);
            report =
                new ConnectionReport(
                    List.of(
                        new ConnectionReport.Check(
                            ConnectionReport.Check.Kind.SERVER,
                            false,
                            String.valueOf(e.getMessage()))));
          }
          log.info("Connection check: {}", report.ok() ? "all passed" : report.firstProblem());
          String text =
              report.ok()
                  ? "Ready: " + destination(b)
                  : "Connection problem: " + report.firstProblem();
          boolean problem = !report.ok();
          ui.execute(
              () -> {
                if (current != b) return; // replaced meanwhile: its answer is stale
                connectionProblem.set(problem);
                status.set(text);
              });
        });
  }

  /**
   * Uploads are waiting for the server (FX thread): the status bar says so at once, without a
   * network check; when none waits any more a check says whether the server is ready again.
   */
  public void uploadsWaitingForServer(boolean waiting) {
    UploadBackend b = current;
    if (b == null) return;
    if (waiting) {
      connectionProblem.set(true); // the regular re-check runs while it lasts
      // what matters first: the status bar is narrow and shows the start of it
      status.set(
          "The server does not answer: uploads carry on by themselves when it does ("
              + destination(b)
              + ").");
    } else {
      checkConnection();
    }
  }

  /** Whether the last connection check found a problem (FX thread). */
  public ReadOnlyBooleanProperty connectionProblemProperty() {
    return connectionProblem.getReadOnlyProperty();
  }

  /**
   * Closes the backend and waits for it (at most {@code seconds}); unfinished jobs stay in the
   * journal.
   */
  public void closeAndWait(long seconds) {
    CountDownLatch done = new CountDownLatch(1);
    Background.daemons("backend-close")
        .newThread(
            () -> {
              synchronized (lock) {
                UploadBackend b = current;
                current = null;
                if (b != null) b.close();
              }
              done.countDown();
            })
        .start();
    try {
      if (!done.await(seconds, TimeUnit.SECONDS))
        log.warn("Closing the uploader took longer than {} s", seconds);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public ReadOnlyObjectProperty<UploadBackend> backendProperty() {
    return backend.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }
}
