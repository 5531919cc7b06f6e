package org.sermonuploader.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import org.sermonuploader.app.Failure;
import org.sermonuploader.app.LeftoverCleanup;
import org.sermonuploader.app.UploadService;
import org.sermonuploader.app.UploadStatus;
import org.sermonuploader.config.Settings;
import org.sermonuploader.config.Units;
import org.sermonuploader.model.JobRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show every upload in the journal, its state and how far it got.",
      "Also lists the unfinished uploads this computer left on the server that its journal no"
          + " longer tracks."
    })
final class StatusCommand extends EnvironmentCommand {
  @Option(
      names = "--clean-leftovers",
      description =
          "Also remove this computer's unfinished uploads on the server that are older than LEFTOVER_DAYS.")
  boolean cleanLeftovers;

  /** The state of a row left uploading by a process that is no longer running. */
  static final String INTERRUPTED = "interrupted";

  static final String CONTINUES = "continues at the next start";

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<Settings> read = options.settingsOrSay(env, err);
    if (read.isEmpty()) return Cli.USAGE;
    Settings settings = read.get();
    UploadStatus.Report report;
    try {
      report = UploadStatus.read(options.dataDir(env));
    } catch (Exception e) {
      return Exits.report(e, err, "");
    }
    if (report.recoveryNotice() != null) out.println(report.recoveryNotice());
    printJobs(report.rows(), out);
    if (!report.wroteToServer() && !cleanLeftovers) return Cli.OK;
    try (UploadService service =
        UploadService.builder(settings, options.dataDir(env)).withoutMemoryMonitor().open()) {
      Optional<LeftoverCleanup.Report> leftovers = LeftoverCleanup.look(service, cleanLeftovers);
      if (leftovers.isPresent()) LeftoverCheck.print(leftovers.get(), cleanLeftovers, out);
      return Cli.OK;
    } catch (Exception e) {
      Failure f = Failure.of(e);
      boolean settingsOrFiles =
          f.cause() == Failure.Cause.SETTINGS || f.cause() == Failure.Cause.FILES;
      if (!f.fromServer() && !settingsOrFiles) return Exits.report(e, err, "");
      (cleanLeftovers ? err : out)
          .println(
              (cleanLeftovers ? "Error: " : "\nNote: ")
                  + "the server could not be asked about unfinished uploads: "
                  + f.words());
      if (!cleanLeftovers) return Cli.OK;
      return f.fromServer() ? Cli.FAILED : Cli.USAGE;
    }
  }

  private static void printJobs(List<UploadStatus.Row> rows, PrintWriter out) {
    if (rows.isEmpty()) {
      out.println("No uploads yet.");
      return;
    }
    out.printf(
        "%-5s %-20s %9s %6s  %-40s %s%n", "ID", "STATE", "SIZE", "DONE", "FILE", "KEY / MESSAGE");
    for (UploadStatus.Row row : rows) {
      JobRecord r = row.job();
      long done = row.bytesDone();
      String pct =
          r.size() == 0 ? (r.state().succeeded() ? "100%" : "0%") : (done * 100 / r.size()) + "%";
      String state = r.state().words();
      String message = r.message();
      if (row.interrupted()) {
        state = INTERRUPTED;
        message = CONTINUES;
      }
      String tail = r.key() == null ? "" : r.key();
      if (message != null) tail = tail.isEmpty() ? message : tail + "  " + message;
      out.printf(
          "%-5d %-20s %9s %6s  %-40s %s%n",
          r.id(),
          state,
          Units.size(r.size()),
          pct,
          TerminalText.safe(r.path().getFileName()),
          TerminalText.safe(tail));
    }
  }
}
