package org.sermonuploader.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import org.sermonuploader.app.UploadService;
import org.sermonuploader.config.InvalidSettingException;
import org.sermonuploader.config.Settings;
import org.sermonuploader.config.Units;
import org.sermonuploader.engine.JournalException;
import org.sermonuploader.engine.Leftovers;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.journal.Journal;
import org.sermonuploader.memory.PressureGate;
import org.sermonuploader.model.JobRecord;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.PartRecord;
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
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<Settings> read = options.settingsOrSay(env, err);
    if (read.isEmpty()) return Cli.USAGE;
    Settings settings = read.get();
    boolean askServer;
    try (Journal journal = Journal.open(options.dataDir(env))) {
      if (journal.recoveryNotice() != null) out.println(journal.recoveryNotice());
      printJobs(journal, out);
      // without a key this computer wrote to, nothing on the server can be its leftover
      askServer =
          journal.jobs().stream().anyMatch(r -> r.key() != null)
              || journal.history().stream().anyMatch(h -> h.key() != null);
    } catch (JournalException e) {
      return Exits.report(e, err, "");
    }
    if (!askServer && !cleanLeftovers) return Cli.OK;
    try (UploadService service =
        UploadService.builder(settings, options.dataDir(env))
            .gateOnly(PressureGate.NEVER_PRESSED)
            .open()) {
      Leftovers leftovers = LeftoverCheck.of(service);
      if (leftovers != null) LeftoverCheck.print(leftovers, service, cleanLeftovers, out);
      return Cli.OK;
    } catch (UploadException e) {
      (cleanLeftovers ? err : out)
          .println(
              (cleanLeftovers ? "Error: " : "\nNote: ")
                  + "the server could not be asked about unfinished uploads: "
                  + e.describe());
      return cleanLeftovers ? Cli.FAILED : Cli.OK;
    } catch (InvalidSettingException | java.io.IOException e) {
      (cleanLeftovers ? err : out)
          .println(
              (cleanLeftovers ? "Error: " : "\nNote: ")
                  + "the server could not be asked about unfinished uploads: "
                  + e.getMessage());
      return cleanLeftovers ? Cli.USAGE : Cli.OK;
    } catch (JournalException e) {
      return Exits.report(e, err, "");
    }
  }

  private static void printJobs(Journal journal, PrintWriter out) throws JournalException {
    List<JobRecord> jobs = journal.jobs();
    if (jobs.isEmpty()) {
      out.println("No uploads yet.");
      return;
    }
    out.printf(
        "%-5s %-20s %9s %6s  %-40s %s%n", "ID", "STATE", "SIZE", "DONE", "FILE", "KEY / MESSAGE");
    for (JobRecord r : jobs) {
      long done = r.state().succeeded() ? r.size() : 0;
      if (!r.state().finished()) {
        for (PartRecord p : journal.parts(r.id()).values()) done += p.size();
      }
      String pct =
          r.size() == 0 ? (r.state().succeeded() ? "100%" : "0%") : (done * 100 / r.size()) + "%";
      String state = r.state().words();
      String message = r.message();
      if (r.state() == JobState.UPLOADING && !journal.claimed(r.id())) {
        // its process ended mid-run (a crash, a power cut): nothing is uploading it now
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
