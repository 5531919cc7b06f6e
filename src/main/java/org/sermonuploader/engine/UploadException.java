package org.sermonuploader.engine;

import org.jspecify.annotations.Nullable;

/**
 * A failure of a transfer step. {@link #userMessage()} is plain words for a volunteer; the
 * exception message and {@link #code()} carry technical detail for the log.
 */
public class UploadException extends Exception {
  private static final long serialVersionUID = 1L;

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

  /**
   * Why it failed, for the code that decides what to do next. Each transfer maps its server's wire
   * codes to a reason in one place; {@link #code()} keeps the wire code for the log.
   */
  public enum Reason {
    /** The connection broke or could not be made. */
    NETWORK,
    /** The server's name does not resolve: a wrong address until proven otherwise. */
    UNKNOWN_HOST,
    /** No secure connection: certificate untrusted, out of date, for another name; or no TLS. */
    TLS,
    /** Something answered that is not the kind of server the settings name. */
    NOT_THIS_KIND_OF_SERVER,
    /** The server refused the credentials (a token, a key pair). */
    CREDENTIALS_REFUSED,
    /** The server refused this user the request. */
    ACCESS_DENIED,
    /** The bucket does not exist. */
    NO_SUCH_BUCKET,
    /** Nothing is stored under the key asked for. */
    NOT_FOUND,
    /** The server does not implement the request. */
    NOT_IMPLEMENTED,
    /** The server does not allow the request's method. */
    METHOD_NOT_ALLOWED,
    /**
     * The object this upload had just written is no longer there, or another object is: on some
     * servers (S3Mock 5.2.0) another station aborting its upload under the same name deletes it.
     */
    STORED_OBJECT_LOST,
    /** The server answered with an internal error (HTTP 500): usually passing, sometimes not. */
    SERVER_ERROR,
    /** The app ran short of memory sending a part: the job pauses as "low memory". */
    OUT_OF_MEMORY,
    /** The journal could not be written. */
    JOURNAL,
    /** A fault inside the app. */
    INTERNAL,
    /** No reason the app acts on: the kind alone decides. */
    OTHER
  }

  /** The plain words for {@link Kind#KEY_TAKEN}. */
  public static final String KEY_TAKEN_MESSAGE =
      "Another station stored a recording under the same name at the same moment.";

  /** The plain words for {@link Reason#STORED_OBJECT_LOST}. */
  public static final String STORED_OBJECT_LOST_MESSAGE =
      "The server lost this recording right after storing it.";

  private final Kind kind;
  private final String userMessage;
  private final @Nullable String code;
  private boolean bytesRejected;
  private Reason reason = Reason.OTHER;

  public UploadException(
      Kind kind,
      String userMessage,
      @Nullable String code,
      @Nullable String detail,
      @Nullable Throwable cause) {
    super(detail == null ? userMessage : detail, cause);
    this.kind = kind;
    this.userMessage = userMessage;
    this.code = code;
  }

  /**
   * The server refused a part because its bytes do not match the hash the request carried. Retried:
   * the network may have damaged it; but if the file changed, the engine starts over instead.
   */
  public static UploadException bytesRejected(String code, @Nullable Throwable cause) {
    UploadException e = retryable("A chunk arrived damaged; it is sent again.", code, cause);
    e.bytesRejected = true;
    return e;
  }

  public boolean isBytesRejected() {
    return bytesRejected;
  }

  public static UploadException retryable(
      String userMessage, @Nullable String code, @Nullable Throwable cause) {
    return new UploadException(Kind.RETRYABLE, userMessage, code, null, cause);
  }

  public static UploadException keyTaken(String code, String detail) {
    return new UploadException(Kind.KEY_TAKEN, KEY_TAKEN_MESSAGE, code, detail, null);
  }

  /**
   * The object this upload wrote is gone, or replaced, when it was looked at right after the write:
   * the recording is stored again under a free name.
   */
  public static UploadException storedObjectLost(String code, String detail) {
    return new UploadException(Kind.KEY_TAKEN, STORED_OBJECT_LOST_MESSAGE, code, detail, null)
        .because(Reason.STORED_OBJECT_LOST);
  }

  public static UploadException fatal(
      String userMessage, @Nullable String code, @Nullable Throwable cause) {
    return new UploadException(Kind.FATAL, userMessage, code, null, cause);
  }

  /** Sets the reason; returns this exception, for use where it is made. */
  public UploadException because(Reason why) {
    this.reason = why;
    return this;
  }

  public Reason reason() {
    return reason;
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
  public @Nullable String code() {
    return code;
  }

  /** The user message with the code, for one-line outputs such as the CLI. */
  public String describe() {
    return code == null ? userMessage : userMessage + " (" + code + ")";
  }
}
