package org.sermonuploader.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.sermonuploader.app.UploadRecordings;
import org.sermonuploader.app.UploadService;
import org.sermonuploader.config.Settings;
import org.sermonuploader.model.ConnectionReport;
import org.sermonuploader.model.JobSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What upload and resume share: open the service, check the server, run the engine, report. */
final class UploadRun {
  private static final Logger log = LoggerFactory.getLogger(UploadRun.class);

  private UploadRun() {}

  /**
   * @param files the recordings to queue; those the journal refuses are said and counted as failed,
   *     so every file given is counted once
   * @param skipped files the user named that are not recordings: the summary counts them and the
   *     run exits 1, as a named file was not uploaded
   */
  @SuppressWarnings(
      "try") // the signal handler stays installed for the whole block and is removed by its close
  static int run(
      CommonOptions options,
      BandwidthOption bandwidth,
      Map<String, String> env,
      PrintWriter out,
      PrintWriter err,
      boolean resumeUnfinished,
      List<Path> files,
      int skipped,
      boolean liveProgress)
      throws Exception {
    Optional<Settings> read = options.settingsOrSay(env, err);
    if (read.isEmpty()) return Cli.USAGE;
    Settings settings = bandwidth.apply(read.get());
    Duration patience = Duration.ofSeconds(Math.max(0, options.waitForServerSeconds));
    long deadline = System.nanoTime() + patience.toNanos();
    // installed before the first check's first request, which may reach the server before the
    // service is open, so a signal while waiting for the server is answered too
    StopOnSignal stop = StopOnSignal.install(out);
    try {
      Optional<CompletableFuture<ConnectionReport>> early =
          UploadRecordings.checkEarly(
              settings, options.dataDir(env), resumeUnfinished, files, firstCheckLimit(deadline));
      try (UploadService service =
          UploadService.builder(settings, options.dataDir(env))
              .resumeUnfinished(resumeUnfinished)
              .open()) {
        stop.closes(service);
        for (String notice : service.notices()) out.println(TerminalText.safe(notice));
        bandwidth.warnIfClockUnset(settings, out);
        UploadRecordings uploads = new UploadRecordings(service);
        UploadRecordings.Summary summary;
        try (stop) {
          int answers = awaitServer(uploads, files, early, patience, deadline, out, err);
          if (answers != Cli.OK) return answers;
          uploads.listen(new ProgressPrinter(out, liveProgress));
          stop.uploading(liveProgress);
          service.startWithCleanupAlongside(line -> out.println(TerminalText.safe(line)));
          List<UploadRecordings.Skipped> notQueued = uploads.add(files);
          for (UploadRecordings.Skipped s : notQueued) {
            // not uploaded: counted as failed in the summary, with the reason here
            out.println(TerminalText.safe("FAILED  " + s.path().getFileName() + ": " + s.reason()));
          }
          summary = uploads.awaitEnd(notQueued.size());
        }
        List<JobSnapshot> waiting = summary.waitingForSticks();
        long failed = summary.failed();
        out.println(
            summary.uploaded()
                + " uploaded or already there, "
                + failed
                + " failed"
                + (skipped == 0 ? "" : ", " + skipped + " skipped")
                + (waiting.isEmpty() ? "." : ", " + waiting.size() + " waiting for a USB stick."));
        if (!waiting.isEmpty()) sayHowToContinue(waiting, out);
        return failed == 0 && skipped == 0 && waiting.isEmpty() ? Cli.OK : Cli.FAILED;
      }
    } finally {
      stop.close();
    }
  }

  /**
   * Checks the server and, with --wait-for-server, waits for it: {@link Cli#OK} once it answers,
   * else the exit code after saying why. Every check is bounded, so the wait ends near its limit
   * even when the server takes connections and answers a byte at a time.
   */
  private static int awaitServer(
      UploadRecordings uploads,
      List<Path> files,
      Optional<CompletableFuture<ConnectionReport>> early,
      Duration patience,
      long deadline,
      PrintWriter out,
      PrintWriter err)
      throws InterruptedException {
    ConnectionReport report = null;
    if (early.isPresent()) {
      try {
        report = early.get().get();
      } catch (ExecutionException e) {
        report = null; // asked again below, where a failure is reported as for any check
      }
    }
    if (report == null) report = uploads.checkServer(firstCheckLimit(deadline), files);
    if (!report.ok() && !report.waitingMayHelp()) {
      err.println("Error: " + report.firstProblem());
      return Cli.USAGE;
    }
    if (!report.ok()) {
      if (!patience.isZero()) {
        out.println(
            "Note: "
                + report.firstProblem()
                + " Uploads wait until it answers (at most "
                + words(patience)
                + ").");
        out.flush();
        report = waitForServer(uploads, files, report, deadline);
      }
      if (!report.ok()) {
        err.println(
            "Error: "
                + report.firstProblem()
                + (report.waitingMayHelp()
                    ? (patience.isZero() ? "" : " Gave up waiting.")
                        + " Nothing was sent; run the same command again once the server answers."
                    : ""));
        return report.waitingMayHelp() ? Cli.FAILED : Cli.USAGE;
      }
      out.println("The server answers now.");
    }
    return Cli.OK;
  }

  /**
   * The run ends rather than wait for ever: a pulled stick comes back only when someone plugs it
   * in.
   */
  private static void sayHowToContinue(List<JobSnapshot> waiting, PrintWriter out) {
    for (JobSnapshot j : waiting) {
      out.println("waiting  " + j.fileName() + " (ID " + j.id() + "): its USB stick was removed");
    }
    out.println(
        "Plug the USB stick in again and run `sermon-uploader resume` to continue, or"
            + " `sermon-uploader cancel ID` to give up on a recording.");
  }

  /** The first answer decides whether to say "waiting": it gets no more than FIRST_CHECK. */
  private static Duration firstCheckLimit(long deadline) {
    Duration first = checkLimit(deadline);
    return first.compareTo(FIRST_CHECK) > 0 ? FIRST_CHECK : first;
  }

  /**
   * A check has this long: what is left of the wait, but never under {@link #SHORTEST_CHECK}, so a
   * healthy server has time to answer even when the wait is over.
   */
  private static Duration checkLimit(long deadline) {
    Duration left = Duration.ofNanos(deadline - System.nanoTime());
    return left.compareTo(SHORTEST_CHECK) < 0 ? SHORTEST_CHECK : left;
  }

  private static final Duration SHORTEST_CHECK = Duration.ofSeconds(2);
  private static final Duration FIRST_CHECK = Duration.ofSeconds(10);

  /**
   * Checks again with growing pauses (1 s doubling to 15 s) until the server answers or time is up.
   */
  private static ConnectionReport waitForServer(
      UploadRecordings uploads, List<Path> files, ConnectionReport first, long deadline)
      throws InterruptedException {
    ConnectionReport report = first;
    long pause = 1000;
    while (!report.ok() && report.waitingMayHelp()) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) break;
      Thread.sleep(Math.min(pause, left));
      pause = Math.min(pause * 2, 15_000);
      report = uploads.checkServer(checkLimit(deadline), files);
      log.info("Waiting for the server: {}", report.ok() ? "it answers" : report.firstProblem());
    }
    return report;
  }

  private static String words(Duration d) {
    long s = d.toSeconds();
    if (s % 60 == 0) return s / 60 + (s == 60 ? " minute" : " minutes");
    return s + (s == 1 ? " second" : " seconds");
  }
}
