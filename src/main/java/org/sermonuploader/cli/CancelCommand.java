package org.sermonuploader.cli;

import java.io.PrintWriter;
import java.util.Optional;
import org.sermonuploader.app.CancelUpload;
import org.sermonuploader.config.Settings;
import org.sermonuploader.model.JobRecord;
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
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<Settings> read = options.settingsOrSay(env, err);
    if (read.isEmpty()) return Cli.USAGE;
    CancelUpload.Outcome o;
    try {
      o = CancelUpload.run(read.get(), options.dataDir(env), which);
    } catch (Exception e) {
      return Exits.report(e, err, "");
    }
    JobRecord job = o.job();
    switch (o.ending()) {
      case NO_MATCH -> {
        err.println(
            "Error: no unfinished upload has the ID or file name '"
                + which
                + "'. `sermon-uploader status` lists them.");
        return Cli.USAGE;
      }
      case SEVERAL -> {
        err.println("Error: " + o.matches().size() + " uploads are called '" + which + "':");
        for (JobRecord r : o.matches()) {
          err.println("  ID " + r.id() + "  " + r.state().words() + "  " + r.path());
        }
        err.println("Cancel one of them by its ID.");
        return Cli.USAGE;
      }
      case IN_USE -> {
        err.println(
            "Sermon Uploader is running with this data folder (the window, or an upload or resume"
                + " elsewhere), so the upload was left as it is. Cancel it in the window, or run"
                + " this again once the app has finished.");
        return Cli.FAILED;
      }
      case GONE -> {
        out.println("That upload is no longer in the list.");
        return Cli.OK;
      }
      case SERVER_REFUSED -> {
        err.println(
            "Error: the unfinished upload of "
                + (job == null ? which : job.path().getFileName())
                + " could not be removed from the server: "
                + o.problem()
                + " Nothing was changed; try again when the server answers.");
        return Cli.FAILED;
      }
      case SETTINGS -> {
        err.println("Error: " + o.problem());
        return Cli.USAGE;
      }
      case CANCELLED -> {
        if (job == null) return Cli.OK;
        out.println(
            "cancelled  "
                + job.path().getFileName()
                + " (ID "
                + job.id()
                + ")"
                + (job.uploadId() != null
                    ? "; its unfinished upload was removed from the server"
                    : "")
                + ".");
        return Cli.OK;
      }
    }
    return Cli.FAILED;
  }
}
