package org.sermonuploader.model;

/** How a finished upload ended, as its history line says. The words are what a volunteer reads. */
public enum UploadOutcome {
  DONE("done"),
  /** Uploaded, but another station took its name first: stored under the next free one. */
  DONE_UNDER_NEW_NAME("done, under a new name"),
  ALREADY_UPLOADED("already uploaded");

  private final String words;

  UploadOutcome(String words) {
    this.words = words;
  }

  public String words() {
    return words;
  }

  /** The outcome of a job that ended in {@code state} (done or already uploaded). */
  public static UploadOutcome of(JobState state, boolean underNewName) {
    return switch (state) {
      case DONE -> underNewName ? DONE_UNDER_NEW_NAME : DONE;
      case ALREADY_UPLOADED -> ALREADY_UPLOADED;
      default -> throw new IllegalArgumentException("not a finished upload: " + state);
    };
  }
}
