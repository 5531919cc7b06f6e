package org.sermonuploader.cli;

import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.app.UploadService;

/**
 * Ends an upload or resume tidily on SIGTERM or Ctrl-C, whatever it is doing at the time (waiting
 * for the server, or uploading): the engine stops, the journal is closed (its parts so far are
 * kept), and one line says how to go on. The JVM then exits with 143 for SIGTERM and 130 for
 * SIGINT, as shells expect.
 */
final class StopOnSignal implements AutoCloseable {
  static final String STOPPED = "Stopped. Run `sermon-uploader resume` to continue.";
  static final String STOPPED_WAITING =
      "Stopped while waiting for the server. Nothing was sent; run the same command again.";

  private final Thread hook;
  private volatile String line = STOPPED_WAITING;
  private volatile boolean liveLine;
  private volatile @Nullable UploadService service;

  private StopOnSignal(PrintWriter out) {
    this.hook =
        new Thread(
            () -> {
              UploadService s = service;
              if (s != null) s.close();
              if (liveLine) out.println(); // end the progress line rewritten in place
              out.println(line);
              out.flush();
            },
            "cli-stop");
  }

  /**
   * Until {@link #close()}, a signal closes the service given to {@link #closes} and prints the
   * line; until {@link #uploading(boolean)}, the line says nothing was sent.
   */
  static StopOnSignal install(PrintWriter out) {
    StopOnSignal stop = new StopOnSignal(out);
    Runtime.getRuntime().addShutdownHook(stop.hook);
    return stop;
  }

  /** The service a signal closes, once it is open. */
  void closes(UploadService service) {
    this.service = service;
  }

  /** Uploads have started: a signal from now on points to resume. */
  void uploading(boolean liveProgressLine) {
    liveLine = liveProgressLine;
    line = STOPPED;
  }

  /** Removes the handler; closing again does nothing. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook is running and finishes the job
    }
  }
}
