package org.sermonuploader.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.sermonuploader.app.UploadService;
import org.sermonuploader.config.InvalidSettingException;
import org.sermonuploader.config.Settings;
import org.sermonuploader.engine.HistoryEntry;
import org.sermonuploader.engine.JournalException;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.library.Download;
import org.sermonuploader.memory.PressureGate;
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
  Path file;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path target = file != null ? file : Download.defaultFile(name);
    Optional<Settings> read = options.settingsOrSay(env, err);
    if (read.isEmpty()) return Cli.USAGE;
    Settings settings = bandwidth.apply(read.get());
    try (UploadService service =
        UploadService.builder(settings, options.dataDir(env))
            .gateOnly(PressureGate.NEVER_PRESSED)
            .open()) {
      bandwidth.warnIfClockUnset(settings, out);
      String recorded =
          service.journal().history().stream()
              .filter(h -> name.equals(h.key()) && h.sha256() != null)
              .map(HistoryEntry::sha256)
              .reduce((a, b) -> b)
              .orElse(null);
      ReadProgress progress = new ReadProgress(out, TerminalText.onTerminal());
      Download.Outcome o =
          Download.run(
              service.transfer(),
              name,
              target,
              recorded,
              (done, size) -> progress.reading(name, done, size));
      progress.end();
      if (o.result() == Download.Result.DONE) {
        out.println(TerminalText.safe(o.message()));
        return Cli.OK;
      }
      err.println(TerminalText.safe("Error: " + o.message()));
      return o.result() == Download.Result.EXISTS ? Cli.USAGE : Cli.FAILED;
    } catch (InvalidSettingException e) {
      err.println("Error: " + e.getMessage());
      return Cli.USAGE;
    } catch (UploadException e) {
      err.println(
          TerminalText.safe(
              "Error: "
                  + e.describe()
                  + " What was saved so far is kept in "
                  + Download.partFile(target)
                  + "; run the same command again to continue."));
      return Cli.FAILED;
    } catch (JournalException e) {
      return Cli.journalProblem(e, err);
    } catch (java.io.IOException e) {
      err.println(TerminalText.safe("Error: " + e.getMessage()));
      return Cli.FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Cli.FAILED;
    }
  }
}
