package org.sermonuploader.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingDeque;
import org.sermonuploader.model.JobState;

/**
 * A volunteer's pause, resume, cancel and retry of one job. Each decides under the job's own lock,
 * as the runner that holds the job does (see {@link RunnerPool}), so a request and the end of a run
 * never both queue the job or both leave it.
 */
final class JobControls {
  private final JobLedger ledger;
  private final JobRunner runner;
  private final LinkedBlockingDeque<UploadJob> queue;
  private final ExecutorService senders;

  JobControls(
      JobLedger ledger,
      JobRunner runner,
      LinkedBlockingDeque<UploadJob> queue,
      ExecutorService senders) {
    this.ledger = ledger;
    this.runner = runner;
    this.queue = queue;
    this.senders = senders;
  }

  /** Parts in flight are cut short; a job a runner holds shows "pausing…" until its run ends. */
  void pause(UploadJob j) {
    boolean rests;
    synchronized (j) {
      if (j.state.finished()) return;
      j.requestPause();
      // a queued job a runner holds is paused by that runner; a job waiting for its file is
      // paused at once (a run that shows it is ending, or looks again and sees the pause)
      rests =
          queue.remove(j)
              || j.state == JobState.WAITING_FOR_FILE
              || (!j.running && j.state == JobState.QUEUED);
      if (rests) JobLedger.set(j, JobState.PAUSED, null, null);
    }
    if (rests) ledger.saveCurrent(j);
    else ledger.show(j, j.state, j.message, null); // a runner holds it: "pausing…" until it ends
    RunControl.wake(j);
  }

  /** A job a runner still holds is left to that runner (see {@link RunnerPool}). */
  void resume(UploadJob j) {
    boolean queued;
    synchronized (j) {
      j.withdrawPause();
      queued = j.state == JobState.PAUSED && !j.running;
      if (queued) JobLedger.set(j, JobState.QUEUED, null, null);
    }
    if (queued) {
      ledger.saveCurrent(j);
      queue.add(j);
    } else if (j.state == JobState.PAUSING) ledger.show(j, JobState.UPLOADING, null, null);
    RunControl.wake(j);
  }

  /** Cuts the parts in flight; a job no runner holds is aborted on the server here. */
  void cancel(UploadJob j) {
    if (j.state.finished()) return;
    j.requestCancel();
    boolean wasWaiting =
        queue.remove(j)
            || j.state == JobState.PAUSED
            || j.state == JobState.QUEUED
            || j.state == JobState.WAITING_FOR_FILE;
    RunControl.wake(j);
    if (wasWaiting) {
      // not running: nobody else will abort it
      senders.execute(() -> runner.finishCancel(j));
    } else ledger.show(j, j.state, j.message, null); // "cancelling…" until the run has ended
  }

  /** Queues a failed or cancelled job again. */
  void retry(UploadJob j) {
    if (!(j.state == JobState.FAILED || j.state == JobState.CANCELLED)) return;
    j.clearRequests();
    j.detail = null;
    j.refreshFileFacts();
    ledger.save(j, JobState.QUEUED, null, null);
    queue.add(j);
  }
}
