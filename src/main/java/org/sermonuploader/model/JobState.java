package org.sermonuploader.model;

/** Where an upload job stands. The words are what a volunteer reads. */
public enum JobState {
  QUEUED("queued", false),
  UPLOADING("uploading", false),
  /** Uploading a recording while it is being made; shown, never recorded. */
  RECORDING("recording…", false),
  PAUSED("paused", false),
  /** Asked to pause: the parts in flight are being cut; shown, never recorded. */
  PAUSING("pausing…", false),
  PAUSED_LOW_MEMORY("paused: low memory", false),
  WAITING_FOR_SERVER("waiting for the server", false),
  WAITING_FOR_FILE("waiting for the file", false),
  VERIFYING("verifying", false),
  /** Asked to cancel: the parts in flight are being cut and the upload removed; shown only. */
  CANCELLING("cancelling…", false),
  DONE("done", true),
  ALREADY_UPLOADED("already uploaded", true),
  FAILED("failed", true),
  CANCELLED("cancelled", true);

  private final String words;
  private final boolean finished;

  JobState(String words, boolean finished) {
    this.words = words;
    this.finished = finished;
  }

  public String words() {
    return words;
  }

  /** No more work will happen on the job without someone asking (retry). */
  public boolean finished() {
    return finished;
  }

  public boolean succeeded() {
    return this == DONE || this == ALREADY_UPLOADED;
  }
}
