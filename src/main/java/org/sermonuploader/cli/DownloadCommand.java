package org.sermonuploader.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.app.DownloadRecording;
import org.sermonuploader.app.Failure;
import org.sermonuploader.app.UploadService;
import org.sermonuploader.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "download",
    mixinStandardHelpOptions = true,
    description = {
      "Save a copy of a stored recording.",
      "It is written to FILE.part and renamed once complete and checked; run the same command"
          + " again to continue a download that stopped.",
      "Exit codes: 0 saved, 1 not on the server, SHA-256 differs or too little disk space,"
          + " 2 FILE exists, usage or configuration error."
    })
final class DownloadCommand extends EnvironmentCommand {
  @Mixin BandwidthOption bandwidth = new BandwidthOption();

  @Parameters(index = "0", paramLabel = "NAME", description = "Stored name (key).")
  String name;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "FILE",
      description = "Where to save it (default: the name's last part, in this folder).")
  @Nullable Path file;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path target = file != null ? file : DownloadRecording.defaultFile(name);
    Optional<Settings> read = options.settingsOrSay(env, err);
    if (read.isEmpty()) return Cli.USAGE;
    Settings settings = bandwidth.apply(read.get());
    try (UploadService service =
        UploadService.builder(settings, options.dataDir(env)).withoutMemoryMonitor().open()) {
      bandwidth.warnIfClockUnset(settings, out);
      ReadProgress progress = new ReadProgress(out, TerminalText.onTerminal());
      DownloadRecording.Saved o =
          new DownloadRecording(service)
              .save(
                  new DownloadRecording.Request(name, target),
                  (done, size) -> progress.reading(name, done, size));
      progress.end();
      if (o.ending() == DownloadRecording.Ending.SAVED) {
        out.println(TerminalText.safe(o.message()));
        return Cli.OK;
      }
      err.println(TerminalText.safe("Error: " + o.message()));
      return o.ending() == DownloadRecording.Ending.FILE_EXISTS ? Cli.USAGE : Cli.FAILED;
    } catch (Exception e) {
      // only a server that stopped answering leaves a .part to continue from
      if (!Failure.of(e).fromServer()) throw e;
      return Exits.report(
          e,
          err,
          " What was saved so far is kept in "
              + DownloadRecording.partFile(target)
              + "; run the same command again to continue.");
    }
  }
}
