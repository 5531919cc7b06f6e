package org.sermonuploader.model;

/** A recording on an inserted stick, with what the app already did with it. */
public record OfferedRecording(Recording recording, Status status) {

  /** Where a recording on the stick stands. */
  public enum Status {
    /** Not uploaded, not in the queue, and not on the stick when it was last used: tick it. */
    NEW,
    /** It was on the stick last time and was left out then; not uploaded. */
    LEFT_OUT_BEFORE,
    /** The history has a finished upload with this name and size. */
    UPLOADED_BEFORE,
    /** Already in the upload list (waiting, uploading or paused). */
    IN_QUEUE,
    /** Queued just now without asking (known stick, USB_AUTO_QUEUE on). */
    QUEUED_AUTOMATICALLY
  }
}
