package org.sermonuploader.engine;

import org.jspecify.annotations.Nullable;
import org.sermonuploader.model.JobState;

/**
 * Ends a run of a job for a reason that is not an error of the server: the job was stopped, its
 * file went away, or its file changed. The job runner decides what each means for the job.
 */
final class RunEnd extends Exception {
  private static final long serialVersionUID = 1L;

  enum Why {
    /** Paused, cancelled, or the engine is closing: {@link #stopAs} says which. */
    STOPPED,
    /** The file went away (USB stick pulled, share gone): wait for it rather than fail. */
    FILE_GONE,
    /** The file changed under a running upload: start it over. */
    CHANGED
  }

  static final String CHANGED_WHILE_SENT =
      "The file changed while it was uploaded, so it is uploaded again from the start.";
  static final String CHANGED_SINCE_START =
      "The file changed since its upload started, so it is uploaded again from the start.";

  final Why why;

  /** For {@link Why#STOPPED}: QUEUED when closing, else CANCELLED or PAUSED. */
  final @Nullable JobState stopAs;

  private RunEnd(Why why, @Nullable JobState stopAs, String detail, @Nullable Throwable cause) {
    super(detail, cause, false, false);
    this.why = why;
    this.stopAs = stopAs;
  }

  static RunEnd stopped(JobState as) {
    return new RunEnd(Why.STOPPED, as, as.words(), null);
  }

  static RunEnd fileGone(String detail, @Nullable Throwable cause) {
    return new RunEnd(Why.FILE_GONE, null, detail, cause);
  }

  static RunEnd changed(String why) {
    return new RunEnd(Why.CHANGED, null, why, null);
  }
}
