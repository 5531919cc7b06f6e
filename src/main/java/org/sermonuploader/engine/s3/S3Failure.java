package org.sermonuploader.engine.s3;

import org.jspecify.annotations.Nullable;

/**
 * The server answered a request with an error. {@link S3Errors} puts it in plain words; its message
 * is for the log and holds what the server said, never a request's signature.
 */
final class S3Failure extends Exception {
  private static final long serialVersionUID = 1L;

  /** What kind of answer it was. */
  enum Kind {
    /** An S3 error: its code from the answer's XML, or from the status of a HEAD (no body). */
    ERROR,
    /** An error status without an S3 error code: the server itself had trouble. */
    STATUS,
    /** An answer that is not S3's: no XML where XML belongs. */
    NOT_UNDERSTOOD
  }

  private final Kind kind;
  private final int status;
  private final @Nullable String code;

  S3Failure(
      Kind kind,
      int status,
      @Nullable String code,
      @Nullable String message,
      @Nullable String resource,
      @Nullable String requestId) {
    super(describe(kind, status, code, message, resource, requestId));
    this.kind = kind;
    this.status = status;
    this.code = code;
  }

  Kind kind() {
    return kind;
  }

  /** The HTTP status, or 0 when an answer of status 200 held an error (CompleteMultipartUpload). */
  int status() {
    return status;
  }

  @Nullable String code() {
    return code;
  }

  private static String describe(
      Kind kind,
      int status,
      @Nullable String code,
      @Nullable String message,
      @Nullable String resource,
      @Nullable String requestId) {
    StringBuilder b = new StringBuilder();
    switch (kind) {
      case ERROR -> b.append(code).append(": ").append(message);
      case STATUS -> b.append("server failed with HTTP status code ").append(status);
      case NOT_UNDERSTOOD ->
          b.append("not an S3 answer (HTTP ").append(status).append("): ").append(message);
    }
    if (resource != null) b.append(" (resource ").append(resource).append(')');
    if (requestId != null) b.append(" (request id ").append(requestId).append(')');
    return b.toString();
  }
}
