package org.sermonuploader.engine;

/**
 * A failure of a transfer step. {@link #userMessage()} is plain words for a volunteer; the
 * exception message and {@link #code()} carry technical detail for the log.
 */
public class UploadException extends Exception {
  /** What kind of failure, which decides whether it is retried. */
  public enum Kind {
    /** Network error, timeout, 5xx, throttling: try again later. */
    RETRYABLE,
    /** Wrong credentials, missing bucket, access denied, bad file: stop this job. */
    FATAL,
    /** The server no longer knows the upload: start the file over. */
    UPLOAD_GONE,
    /**
     * Another upload stored an object under this key while this one ran: this recording is stored
     * again under the next free name.
     */
    KEY_TAKEN
  }

  /** The plain words for {@link Kind#KEY_TAKEN}. */
  public static final String KEY_TAKEN_MESSAGE =
      "Another station stored a recording under the same name at the same moment.";

  private final Kind kind;
  private final String userMessage;
  private final String code;
  private boolean bytesRejected;

  public UploadException(
      Kind kind, String userMessage, String code, String detail, Throwable cause) {
    super(detail == null ? userMessage : detail, cause);
    this.kind = kind;
    this.userMessage = userMessage;
    this.code = code;
  }

  /**
   * The server refused a part because its bytes do not match the hash the request carried. Retried:
   * the network may have damaged it; but if the file changed, the engine starts over instead.
   */
  public static UploadException bytesRejected(String code, Throwable cause) {
    UploadException e = retryable("A chunk arrived damaged; it is sent again.", code, cause);
    e.bytesRejected = true;
    return e;
  }

  public boolean isBytesRejected() {
    return bytesRejected;
  }

  public static UploadException retryable(String userMessage, String code, Throwable cause) {
    return new UploadException(Kind.RETRYABLE, userMessage, code, null, cause);
  }

  public static UploadException keyTaken(String code, String detail) {
    return new UploadException(Kind.KEY_TAKEN, KEY_TAKEN_MESSAGE, code, detail, null);
  }

  public static UploadException fatal(String userMessage, String code, Throwable cause) {
    return new UploadException(Kind.FATAL, userMessage, code, null, cause);
  }

  public Kind kind() {
    return kind;
  }

  public boolean isRetryable() {
    return kind == Kind.RETRYABLE;
  }

  public String userMessage() {
    return userMessage;
  }

  /** The server's error code (e.g. NoSuchBucket) or a short tag; may be null. */
  public String code() {
    return code;
  }

  /** The user message with the code, for one-line outputs such as the CLI. */
  public String describe() {
    return code == null ? userMessage : userMessage + " (" + code + ")";
  }
}
