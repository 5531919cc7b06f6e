package org.sermonuploader.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sermonuploader.app.DataFolderLock;
import org.sermonuploader.app.UploadService;
import org.sermonuploader.config.InvalidSettingException;
import org.sermonuploader.config.Settings;
import org.sermonuploader.engine.JournalException;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.journal.Journal;
import org.sermonuploader.model.JobRecord;
import org.sermonuploader.model.JobState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    description = {
      "Give up on an upload that is not finished, or that failed.",
      "It is removed from the list, and its unfinished upload from the server."
    })
final class CancelCommand extends EnvironmentCommand {
  @Parameters(
      paramLabel = "ID|NAME",
      description = "The ID or the file name as `status` shows them.")
  String which;

  @Override
  @SuppressWarnings("try") // the lock is held for the whole block and released by its close
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<Settings> read = options.settingsOrSay(env, err);
    if (read.isEmpty()) return Cli.USAGE;
    Path dataDir = options.dataDir(env);
    try (Journal journal = Journal.open(dataDir)) {
      List<JobRecord> matches = matches(journal.jobs());
      if (matches.isEmpty()) {
        err.println(
            "Error: no unfinished upload has the ID or file name '"
                + which
                + "'. `sermon-uploader status` lists them.");
        return Cli.USAGE;
      }
      if (matches.size() > 1) {
        err.println("Error: " + matches.size() + " uploads are called '" + which + "':");
        for (JobRecord r : matches) {
          err.println("  ID " + r.id() + "  " + r.state().words() + "  " + r.path());
        }
        err.println("Cancel one of them by its ID.");
        return Cli.USAGE;
      }
      Optional<DataFolderLock> alone = DataFolderLock.exclusive(dataDir);
      if (alone.isEmpty()) {
        err.println(
            "Sermon Uploader is running with this data folder (the window, or an upload or resume"
                + " elsewhere), so the upload was left as it is. Cancel it in the window, or run"
                + " this again once the app has finished.");
        return Cli.FAILED;
      }
      try (DataFolderLock held = alone.get()) {
        // read again under the lock: the running app may have moved on before it let go
        Optional<JobRecord> job =
            journal.jobs().stream().filter(r -> r.id() == matches.get(0).id()).findFirst();
        if (job.isEmpty()) {
          out.println("That upload is no longer in the list.");
          return Cli.OK;
        }
        return cancel(journal, job.get(), read.get(), dataDir, out, err);
      }
    } catch (JournalException e) {
      return Exits.report(e, err, "");
    } catch (IOException e) {
      err.println("Error: " + e.getMessage());
      return Cli.FAILED;
    }
  }

  /**
   * Only jobs still to do or failed (those may hold an unfinished upload on the server): a typo
   * can't remove the line of a recording that was uploaded.
   */
  private List<JobRecord> matches(List<JobRecord> jobs) {
    List<JobRecord> out = new ArrayList<>();
    for (JobRecord r : jobs) {
      if (!cancellable(r)) continue;
      if (Long.toString(r.id()).equals(which) || r.path().getFileName().toString().equals(which))
        out.add(r);
    }
    return out;
  }

  private static boolean cancellable(JobRecord r) {
    return !r.state().succeeded() && r.state() != JobState.CANCELLED;
  }

  private static int cancel(
      Journal journal,
      JobRecord job,
      Settings settings,
      Path dataDir,
      PrintWriter out,
      PrintWriter err)
      throws JournalException {
    if (job.uploadId() != null && job.key() != null) {
      List<String> notices = new ArrayList<>();
      try {
        UploadService.TransferFactory.Destination d =
            UploadService.TransferFactory.create(settings, dataDir, notices);
        try {
          d.transfer().abort(job.key(), job.uploadId());
        } finally {
          d.transfer().close();
          if (d.store() != null) d.store().close();
        }
      } catch (UploadException e) {
        err.println(
            "Error: the unfinished upload of "
                + job.path().getFileName()
                + " could not be removed from the server: "
                + e.describe()
                + " Nothing was changed; try again when the server answers.");
        return Cli.FAILED;
      } catch (InvalidSettingException | IOException e) {
        err.println("Error: " + e.getMessage());
        return Cli.USAGE;
      }
    }
    journal.remove(job.id());
    out.println(
        "cancelled  "
            + job.path().getFileName()
            + " (ID "
            + job.id()
            + ")"
            + (job.uploadId() != null ? "; its unfinished upload was removed from the server" : "")
            + ".");
    return Cli.OK;
  }
}
