package org.sermonuploader.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.sermonuploader.app.UploadService;
import org.sermonuploader.config.InvalidSettingException;
import org.sermonuploader.config.Settings;
import org.sermonuploader.engine.ConnectionReport;
import org.sermonuploader.engine.JobSnapshot;
import org.sermonuploader.engine.UploadEngine;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.journal.JournalException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What upload and resume share: open the service, check the server, run the engine, report. */
final class UploadRun {
  private static final Logger log = LoggerFactory.getLogger(UploadRun.class);

  private UploadRun() {}

  static int run(CommonOptions options, Map<String, String> env, PrintWriter out, PrintWriter err,
      boolean resumeUnfinished, Consumer<UploadEngine> addFiles, boolean liveProgress) {
    Settings settings;
    try {
      settings = options.settings(env);
    } catch (java.io.IOException e) {
      err.println("Error: " + e.getMessage());
      return Cli.USAGE;
    }
    try (UploadService service = UploadService.open(settings, options.dataDir(env))) {
      for (String notice : service.notices()) out.println(notice);
      ConnectionReport report = service.transfer().check();
      if (!report.ok() && isConfigurationProblem(report)) {
        err.println("Error: " + report.firstProblem());
        return Cli.USAGE;
      }
      if (!report.ok()) out.println("Note: " + report.firstProblem() + " Uploads wait until it answers.");
      UploadEngine engine = service.engine();
      engine.addListener(new ProgressPrinter(out, liveProgress));
      engine.start(resumeUnfinished);
      addFiles.accept(engine);
      engine.awaitIdle(Long.MAX_VALUE, TimeUnit.DAYS);
      List<JobSnapshot> jobs = engine.jobs();
      long failed = jobs.stream().filter(j -> !j.state().succeeded()).count();
      long ok = jobs.size() - failed;
      out.println(ok + " uploaded or already there, " + failed + " failed.");
      return failed == 0 ? Cli.OK : Cli.FAILED;
    } catch (InvalidSettingException e) {
      err.println("Error: " + e.getMessage());
      return Cli.USAGE;
    } catch (UploadException e) {
      err.println("Error: " + e.describe());
      return Cli.USAGE;
    } catch (JournalException e) {
      err.println("Error: " + e.getMessage());
      return Cli.FAILED;
    } catch (java.io.IOException e) {
      err.println("Error: " + e.getMessage());
      return Cli.USAGE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Cli.FAILED;
    } catch (RuntimeException e) {
      log.error("Unexpected error", e);
      err.println("Error: something went wrong inside the app (" + e + "). Details are in the log.");
      return Cli.FAILED;
    }
  }

  /** Wrong credentials, missing bucket, bad certificate, unknown host: waiting will not help. */
  private static boolean isConfigurationProblem(ConnectionReport report) {
    String problem = report.firstProblem();
    boolean serverDown = report.checks().stream()
        .anyMatch(c -> c.what().equals("server") && !c.ok() && !problem.contains("can't be found")
            && !problem.contains("certificate") && !problem.contains("secure"));
    return !serverDown;
  }
}
