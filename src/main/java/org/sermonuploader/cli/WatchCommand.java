package org.sermonuploader.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.app.UploadRecordings;
import org.sermonuploader.app.UploadService;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    description = {
      "Uploads new recordings from a folder (DIR, else WATCH_FOLDER) as they appear. With an S3"
          + " server a recording still being made goes up while it grows (LIVE_UPLOAD) and is"
          + " safe in the bucket seconds after it ends.",
      "Runs until Ctrl-C or SIGTERM, then exits 0; unfinished uploads continue at the next start."
    })
final class WatchCommand extends EnvironmentCommand {

  @Mixin BandwidthOption bandwidth = new BandwidthOption();

  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Folder to watch.")
  @Nullable Path dir;

  /** Counted down by SIGTERM or Ctrl-C. */
  private final CountDownLatch stop = new CountDownLatch(1);

  /** Counted down once the service is closed and the last line written. */
  private final CountDownLatch closed = new CountDownLatch(1);

  /**
   * Watching ends by a signal, and that is its normal end: the hook waits until the journal is
   * closed, then ends the JVM with 0 instead of the signal's 143 or 130.
   */
  @Override
  public Integer call() throws Exception {
    Thread hook =
        new Thread(
            () -> {
              stop.countDown();
              try {
                closed.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              Runtime.getRuntime().halt(Cli.OK);
            },
            "cli-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return watch();
    } finally {
      closed.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // shutting down: the hook ends the JVM
      }
    }
  }

  @SuppressWarnings("try") // the last line is said when the block is left, after the service closed
  private int watch() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<Settings> read = options.settingsOrSay(env, err);
    if (read.isEmpty()) return Cli.USAGE;
    Settings settings = bandwidth.apply(read.get());
    if (dir != null) settings = settings.with(Setting.WATCH_FOLDER, dir.toString());
    if (settings.optional(Setting.WATCH_FOLDER).isEmpty()) {
      err.println("Error: name the folder to watch, or set WATCH_FOLDER.");
      return Cli.USAGE;
    }
    try (Closing said = () -> say(out, "Stopped. Unfinished uploads continue at the next start.");
        UploadService service = UploadService.builder(settings, options.dataDir(env)).open();
        UploadRecordings.Watch folder = new UploadRecordings(service).watch()) {
      UploadRecordings uploads = new UploadRecordings(service);
      for (String notice : service.notices()) out.println(TerminalText.safe(notice));
      bandwidth.warnIfClockUnset(settings, out);
      uploads.listen(new WatchEvents(out));
      service.start(line -> out.println(TerminalText.safe(line)));
      folder.start();
      out.println(
          "Watching "
              + TerminalText.safe(folder.folder().toString())
              + (uploads.followsGrowingFiles()
                  ? "; recordings go up while they are made."
                  : "; recordings go up once they have ended."));
      out.flush();
      stop.await();
      return Cli.OK;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Cli.OK;
    }
  }

  /**
   * Says the last line after the service and the folder are closed (resources close in reverse).
   */
  private interface Closing extends AutoCloseable {
    @Override
    void close();
  }

  private static void say(PrintWriter out, String line) {
    out.println(line);
    out.flush();
  }
}
