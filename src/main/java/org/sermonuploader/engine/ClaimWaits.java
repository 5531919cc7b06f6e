package org.sermonuploader.engine;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.model.JobRecord;
import org.sermonuploader.model.JobState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a job's claim before a run. While another process on the same data folder runs the job (an
 * {@code upload} and a {@code resume} started together, or the window and the CLI), the row says so
 * and waits; then the run carries on from what that process left in the journal, or ends with the
 * state it gave the job. Without this, both sent every part and both wrote a history line.
 */
final class ClaimWaits {
  private static final Logger log = LoggerFactory.getLogger(ClaimWaits.class);
  static final String WAITING =
      "another Sermon Uploader on this computer is uploading this file; waiting for it";
  private static final long POLL_MILLIS = 500;

  private final JobLedger ledger;
  private final RunControl control;

  ClaimWaits(JobLedger ledger, RunControl control) {
    this.ledger = ledger;
    this.control = control;
  }

  /**
   * The job's claim, once no other runner holds it and the job still needs a run; null when the job
   * was paused, cancelled or finished meanwhile, or the engine closes.
   */
  @Nullable JobClaim await(UploadJob job) throws JournalException, InterruptedException {
    boolean told = false;
    while (true) {
      Optional<JobClaim> claim = ledger.journal().claim(job.id);
      if (claim.isPresent()) {
        if (catchUp(job)) return claim.get();
        claim.get().close();
        return null;
      }
      if (!told) {
        log.info("{} is being uploaded by another process on this data folder; waiting", job.path);
        told = true;
      }
      if (control.closing()) return null;
      Requested asked = job.requested();
      if (asked != Requested.NOTHING) {
        // the upload is the other process's: nothing here may abort it or change its record
        ledger.show(
            job,
            asked == Requested.CANCEL ? JobState.CANCELLED : JobState.PAUSED,
            "another Sermon Uploader on this computer goes on uploading this file",
            null);
        return null;
      }
      ledger.show(job, JobState.WAITING_FOR_SERVER, WAITING, null);
      RunControl.sleep(job, POLL_MILLIS);
    }
  }

  /**
   * Takes the job as the journal has it now, which another process may have moved on. False when
   * that process finished it (or removed it): then it is shown as it ended, without a run.
   */
  private boolean catchUp(UploadJob job) throws JournalException {
    Optional<JobRecord> found = ledger.journal().job(job.id);
    if (found.isEmpty()) {
      ledger.show(
          job,
          JobState.CANCELLED,
          "Removed from the list by another Sermon Uploader on this computer.",
          null);
      return false;
    }
    JobRecord r = found.get();
    if (r.state().finished()) {
      log.info("{} was {} by another process on this data folder", job.path, r.state().words());
      job.key = r.key();
      job.uploadId = r.uploadId();
      job.sha256 = r.sha256();
      if (r.state().succeeded()) job.confirmedBytes.set(job.size);
      ledger.show(job, r.state(), r.message(), null);
      return false;
    }
    if (!Objects.equals(r.uploadId(), job.uploadId) || !Objects.equals(r.key(), job.key)) {
      job.key = r.key();
      job.uploadId = r.uploadId();
      job.partSize = r.partSize();
      job.sha256 = r.sha256();
      ledger.restoreProgress(job);
    }
    if (job.state == JobState.WAITING_FOR_SERVER && ClaimWaits.WAITING.equals(job.message)) {
      ledger.show(job, JobState.UPLOADING, null, null);
    }
    return true;
  }
}
