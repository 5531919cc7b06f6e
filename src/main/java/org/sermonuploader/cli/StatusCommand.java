package org.sermonuploader.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sermonuploader.config.ByteSize;
import org.sermonuploader.journal.JobRecord;
import org.sermonuploader.journal.Journal;
import org.sermonuploader.journal.JournalException;
import org.sermonuploader.journal.PartRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show the journal: every upload, its state and how far it got.")
final class StatusCommand implements Callable<Integer>, Cli.NeedsEnvironment {
  @Mixin CommonOptions options = new CommonOptions();
  @Spec CommandSpec spec;
  private Map<String, String> env = System.getenv();

  @Override
  public void environment(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Journal journal = Journal.open(options.dataDir(env))) {
      if (journal.recoveryNotice() != null) out.println(journal.recoveryNotice());
      List<JobRecord> jobs = journal.jobs();
      if (jobs.isEmpty()) {
        out.println("No uploads yet.");
        return Cli.OK;
      }
      out.printf("%-5s %-20s %9s %6s  %-40s %s%n", "ID", "STATE", "SIZE", "DONE", "FILE", "KEY / MESSAGE");
      for (JobRecord r : jobs) {
        long done = r.state().succeeded() ? r.size() : 0;
        if (!r.state().finished()) {
          for (PartRecord p : journal.parts(r.id()).values()) done += p.size();
        }
        String pct = r.size() == 0 ? (r.state().succeeded() ? "100%" : "0%") : (done * 100 / r.size()) + "%";
        String tail = r.key() == null ? "" : r.key();
        if (r.message() != null) tail = tail.isEmpty() ? r.message() : tail + "  " + r.message();
        out.printf("%-5d %-20s %9s %6s  %-40s %s%n", r.id(), r.state().words(), ByteSize.format(r.size()), pct,
            r.path().getFileName(), tail);
      }
      return Cli.OK;
    } catch (JournalException e) {
      spec.commandLine().getErr().println("Error: " + e.getMessage());
      return Cli.FAILED;
    }
  }
}
