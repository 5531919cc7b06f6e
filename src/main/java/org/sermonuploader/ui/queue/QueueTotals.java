package org.sermonuploader.ui.queue;

import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;

/**
 * Running totals over the rows, for the summary line and the toolbar's buttons: each snapshot is
 * added when a row takes it and removed when the row moves on, so a change costs the same with five
 * rows or two thousand.
 */
final class QueueTotals {
  private int left;
  private int failed;
  private int pausable;
  private int resumable;
  private int waitingForServer;
  private long bytesLeft;
  private double rate;

  void add(JobSnapshot s) {
    count(s, 1);
  }

  void remove(JobSnapshot s) {
    count(s, -1);
  }

  private void count(JobSnapshot s, int sign) {
    JobState st = s.state();
    if (!st.finished()) {
      left += sign;
      bytesLeft += sign * Math.max(0, s.size() - s.bytesDone());
      rate += sign * s.bytesPerSecond();
    } else if (st == JobState.FAILED) {
      failed += sign;
    }
    if (JobRowModel.canPause(st)) pausable += sign;
    if (st == JobState.PAUSED) resumable += sign;
    if (st == JobState.WAITING_FOR_SERVER) waitingForServer += sign;
    // sums of doubles drift; with nothing left to upload the rate is exactly zero
    if (left == 0) rate = 0;
  }

  void clear() {
    left = failed = pausable = resumable = waitingForServer = 0;
    bytesLeft = 0;
    rate = 0;
  }

  int left() {
    return left;
  }

  int failed() {
    return failed;
  }

  int pausable() {
    return pausable;
  }

  int resumable() {
    return resumable;
  }

  int waitingForServer() {
    return waitingForServer;
  }

  long bytesLeft() {
    return bytesLeft;
  }

  /**
   * Bytes per second over the running rows; below one byte a second it is what the additions and
   * subtractions of doubles left behind when the last running row stopped, not a rate.
   */
  double rate() {
    return rate < 1 ? 0 : rate;
  }
}
