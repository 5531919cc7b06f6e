package org.sermonuploader.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

  static int run(
      CommonOptions options,
      Map<String, String> env,
      PrintWriter out,
      PrintWriter err,
      boolean resumeUnfinished,
      Consumer<UploadEngine> addFiles,
      boolean liveProgress) {
    Optional<Settings> read = options.settingsOrSay(env, err);
    if (read.isEmpty()) return Cli.USAGE;
    Settings settings = read.get();
    try (UploadService service =
        UploadService.builder(settings, options.dataDir(env))
            .resumeUnfinished(resumeUnfinished)
            .open()) {
      for (String notice : service.notices()) out.println(notice);
      ConnectionReport report = service.transfer().check();
      if (!report.ok() && !serverDown(report)) {
        err.println("Error: " + report.firstProblem());
        return Cli.USAGE;
      }
      if (!report.ok()) {
        Duration patience = Duration.ofSeconds(Math.max(0, options.waitForServerSeconds));
        if (!patience.isZero()) {
          out.println(
              "Note: "
                  + report.firstProblem()
                  + " Uploads wait until it answers (at most "
                  + words(patience)
                  + ").");
          out.flush();
          report = waitForServer(service, report, patience);
        }
        if (!report.ok()) {
          err.println(
              "Error: "
                  + report.firstProblem()
                  + (serverDown(report)
                      ? (patience.isZero() ? "" : " Gave up waiting.")
                          + " Nothing was sent; run the same command again once the server answers."
                      : ""));
          return serverDown(report) ? Cli.FAILED : Cli.USAGE;
        }
        out.println("The server answers now.");
      }
      UploadEngine engine = service.engine();
      engine.addListener(new ProgressPrinter(out, liveProgress));
      service.start(out::println);
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
      err.println(
          "Error: something went wrong inside the app (" + e + "). Details are in the log.");
      return Cli.FAILED;
    }
  }

  /**
   * Whether the report says only that the server does not answer yet (refused, timed out, broken
   * connection, 5xx), so waiting can help. Everything else is a configuration problem that waiting
   * will not fix: a wrong address or scheme, an unknown host name, an untrusted certificate, wrong
   * credentials, a missing bucket, a wrong clock. An unknown host name counts as configuration even
   * though a network without DNS looks the same: the message asks to check both.
   */
  static boolean serverDown(ConnectionReport report) {
    return report.checks().stream()
        .filter(c -> !c.ok())
        .findFirst()
        .map(c -> c.what().equals("server") && !CONFIGURATION_CODES.contains(code(c.message())))
        .orElse(false);
  }

  private static final Set<String> CONFIGURATION_CODES =
      Set.of(
          "UnknownHost",
          "BadEndpoint",
          "WrongScheme",
          "TLS",
          "UntrustedCertificate",
          "CertificateName",
          "CertificateDate");

  /** The code a check message ends with, as in "... (ConnectionRefused)", or "". */
  private static String code(String message) {
    if (message == null || !message.endsWith(")")) return "";
    int open = message.lastIndexOf('(');
    return open < 0 ? "" : message.substring(open + 1, message.length() - 1);
  }

  /**
   * Checks again with growing pauses (1 s doubling to 15 s) until the server answers or time is up.
   */
  private static ConnectionReport waitForServer(
      UploadService service, ConnectionReport first, Duration patience)
      throws InterruptedException {
    ConnectionReport report = first;
    long deadline = System.nanoTime() + patience.toNanos();
    long pause = 1000;
    while (!report.ok() && serverDown(report)) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) break;
      Thread.sleep(Math.min(pause, left));
      pause = Math.min(pause * 2, 15_000);
      report = service.transfer().check();
      log.info("Waiting for the server: {}", report.ok() ? "it answers" : report.firstProblem());
    }
    return report;
  }

  private static String words(Duration d) {
    long s = d.getSeconds();
    if (s % 60 == 0) return s / 60 + (s == 60 ? " minute" : " minutes");
    return s + (s == 1 ? " second" : " seconds");
  }
}
