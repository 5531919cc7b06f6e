package org.sermonuploader.engine;

import org.sermonuploader.model.JobState;

/**
 * Whether a job's run must stop (pause, cancel, the engine closing), and the waits inside a run
 * that a pause or cancel cuts short.
 */
final class RunControl {
  private volatile boolean closing;

  boolean closing() {
    return closing;
  }

  void close() {
    closing = true;
  }

  /** Whether the job's run must end: what cuts the parts in flight short. */
  boolean stopRequested(UploadJob job) {
    return closing || job.requested() != Requested.NOTHING;
  }

  void checkStop(UploadJob job) throws RunEnd {
    if (closing) throw RunEnd.stopped(JobState.QUEUED);
    switch (job.requested()) {
      case CANCEL -> throw RunEnd.stopped(JobState.CANCELLED);
      case PAUSE -> throw RunEnd.stopped(JobState.PAUSED);
      case NOTHING -> {}
    }
  }

  /** Waits up to {@code millis}; {@link #wake} ends the wait early. */
  static void sleep(UploadJob job, long millis) throws InterruptedException {
    synchronized (job) {
      job.wait(Math.max(1, millis));
    }
  }

  static void wake(UploadJob job) {
    synchronized (job) {
      job.notifyAll();
    }
  }
}
