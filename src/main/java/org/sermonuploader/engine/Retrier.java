package org.sermonuploader.engine;

import java.io.IOException;
import java.util.function.Supplier;
import org.sermonuploader.model.ConnectionReport;
import org.sermonuploader.model.JobState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every server call of a job, waiting and trying again for as long as the error is retryable;
 * the row counts down to the next try. A pause, cancel or close ends the wait.
 */
final class Retrier {
  private static final Logger log = LoggerFactory.getLogger(Retrier.class);

  /** A server call; it may also find that the file, not the server, is at fault. */
  interface Call<T> {
    T run() throws UploadException, IOException, RunEnd;
  }

  /**
   * Tries of one call that failed with the same internal server error before the server is asked
   * whether it works at all.
   */
  static final int SAME_SERVER_ERROR_TRIES = 5;

  /** What a row waiting for the server says while a try is on its way. */
  static final String TRYING_AGAIN = "waiting for the server: trying again now";

  private final RetryPolicy policy;
  private final JobLedger ledger;
  private final RunControl control;
  private final Supplier<ConnectionReport> serverCheck;

  Retrier(
      RetryPolicy policy,
      JobLedger ledger,
      RunControl control,
      Supplier<ConnectionReport> serverCheck) {
    this.policy = policy;
    this.ledger = ledger;
    this.control = control;
    this.serverCheck = serverCheck;
  }

  <T> T call(UploadJob job, Call<T> call)
      throws UploadException, IOException, RunEnd, InterruptedException {
    int attempt = 0;
    String lastServerError = null;
    int sameServerError = 0;
    while (true) {
      control.checkStop(job);
      try {
        T result = call.run();
        if (attempt > 0 && job.state == JobState.WAITING_FOR_SERVER) {
          ledger.show(job, JobState.UPLOADING, null, null);
        }
        return result;
      } catch (UploadException e) {
        if (!e.isRetryable() || control.closing()) throw e;
        // a part cut short by a pause or cancel failed because of it: no retry, no waiting
        control.checkStop(job);
        if (e.reason() == UploadException.Reason.SERVER_ERROR) {
          String what = e.code() + ": " + e.userMessage();
          sameServerError = what.equals(lastServerError) ? sameServerError + 1 : 1;
          lastServerError = what;
          if (sameServerError >= SAME_SERVER_ERROR_TRIES && serverWorks(job, e)) {
            throw refusedForThisFile(job, e);
          }
        } else {
          lastServerError = null;
          sameServerError = 0;
        }
        attempt++;
        long waitMs = policy.delay(attempt).toMillis();
        log.info(
            "{}: {} ({}); retry {} in {} ms",
            job.path.getFileName(),
            e.userMessage(),
            e.getMessage(),
            attempt,
            waitMs);
        long until = System.currentTimeMillis() + waitMs;
        long left;
        while ((left = until - System.currentTimeMillis()) > 0) {
          long secs = (left + 999) / 1000;
          ledger.show(
              job,
              JobState.WAITING_FOR_SERVER,
              "waiting for the server, next try in " + secs + " s",
              e.describe());
          RunControl.sleep(job, Math.min(left, 1000));
          control.checkStop(job);
        }
        // the countdown is over: the row says so until the server takes the try
        ledger.show(job, JobState.WAITING_FOR_SERVER, TRYING_AGAIN, e.describe());
      }
    }
  }

  /**
   * Whether the server passes the connection check (which writes a small object of the app's own)
   * while one call keeps failing: then the error belongs to this file, not to the server.
   */
  private boolean serverWorks(UploadJob job, UploadException e) {
    try {
      ConnectionReport report = serverCheck.get();
      log.info(
          "{}: {} failed {} times with {}; the connection check {}",
          job.path.getFileName(),
          job.key == null ? "a request" : "a request for " + job.key,
          SAME_SERVER_ERROR_TRIES,
          e.code(),
          report.ok() ? "passes" : "fails too: " + report.firstProblem());
      return report.ok();
    } catch (RuntimeException checkFailed) {
      log.warn("The connection check failed", checkFailed);
      return false;
    }
  }

  private static UploadException refusedForThisFile(UploadJob job, UploadException e) {
    log.warn(
        "{}: the server keeps failing on this file ({}: {}) while it works otherwise; not trying again",
        job.path.getFileName(),
        e.code(),
        e.getMessage());
    return UploadException.fatal(
        "The server keeps failing to store this file"
            + (job.key == null ? "" : " as " + job.key)
            + " (error "
            + e.code()
            + ") while other requests work. A folder or file of the same name on the server may"
            + " be in the way: change the key template or ask the server's administrator.",
        "RepeatedServerError",
        e);
  }

  /**
   * A part failed in a way worth a new run (memory ran short): the run starts again from what the
   * journal and the server hold, after a pause.
   */
  void pauseBeforeRerun(UploadJob job, UploadException e, int rerun) {
    long waitMs = policy.delay(rerun).toMillis();
    log.warn(
        "{}: {} ({}); the run starts again in {} ms",
        job.path.getFileName(),
        e.userMessage(),
        e.getMessage(),
        waitMs);
    boolean memory = e.reason() == UploadException.Reason.OUT_OF_MEMORY;
    ledger.show(
        job,
        memory ? JobState.PAUSED_LOW_MEMORY : JobState.WAITING_FOR_SERVER,
        memory
            ? "paused: low memory; carries on by itself"
            : "waiting for the server, next try in " + Math.max(1, waitMs / 1000) + " s",
        e.describe());
    try {
      RunControl.sleep(job, waitMs);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    }
  }
}
