package org.sermonuploader.cli;

import java.io.PrintWriter;
import org.sermonuploader.app.UploadService;

/**
 * Ends an upload or resume tidily on SIGTERM or Ctrl-C: the engine stops, the journal is closed
 * (its parts so far are kept), and one line says how to go on. The JVM then exits with 143 for
 * SIGTERM and 130 for SIGINT, as shells expect.
 */
final class StopOnSignal implements AutoCloseable {
  static final String STOPPED = "Stopped. Run `sermon-uploader resume` to continue.";

  private final Thread hook;

  private StopOnSignal(Thread hook) {
    this.hook = hook;
  }

  /** Until {@link #close()}, a signal closes {@code service} and prints the line. */
  static StopOnSignal install(UploadService service, PrintWriter out, boolean liveLine) {
    Thread hook =
        new Thread(
            () -> {
              service.close();
              if (liveLine) out.println(); // end the progress line rewritten in place
              out.println(STOPPED);
              out.flush();
            },
            "cli-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    return new StopOnSignal(hook);
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook is running and finishes the job
    }
  }
}
