package org.sermonuploader.engine.tus;

import java.io.IOException;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.RequestBody;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.engine.UploadException;

/**
 * One upload on a tus server, as this app knows it: its URL, its length, the offset the server last
 * stated, and whether the server confirmed it complete.
 *
 * <p>"Complete" counts only when a request that wrote to the upload was answered with an
 * Upload-Offset equal to the length. A HEAD saying so is not enough: @tus/s3-store 2.0.7 reports a
 * 0-byte upload, or one whose last write it answered with HTTP 500, as complete although it never
 * put the object into the bucket. Such an upload gets an empty write at its end, which makes a
 * server finish what it has not finished, and whose answer is the confirmation.
 */
final class RemoteUpload {
  private final TusHttp http;
  final HttpUrl url;
  final long length;

  /** The offset the server last stated (HEAD or write answer), -1 when unknown. */
  private long offset;

  private boolean confirmed;

  /** The highest offset the server ever stated: bytes it holds, known without asking again. */
  private long held;

  private RemoteUpload(TusHttp http, HttpUrl url, long length, long offset) {
    this.http = http;
    this.url = url;
    this.length = length;
    this.offset = offset;
    this.held = Math.max(0, offset);
  }

  /** The bytes the server last said it holds, kept through failures (unlike {@link #offset()}). */
  long held() {
    return held;
  }

  /** An upload known by its URL; its offset is asked for on first use. */
  static RemoteUpload at(TusHttp http, HttpUrl url, long length) {
    return new RemoteUpload(http, url, length, -1);
  }

  /**
   * Creates an upload. {@code first} (creation-with-upload, null for none) carries the first {@code
   * firstLength} bytes on the same request.
   */
  static RemoteUpload create(
      TusHttp http,
      long length,
      Map<String, String> metadata,
      @Nullable RequestBody first,
      long firstLength)
      throws UploadException {
    TusHttp.Answer a;
    try {
      a = http.create(length, metadata, first);
    } catch (IOException e) {
      throw TusErrors.translate(e, endpoint(http));
    }
    if (!a.ok()) throw TusErrors.forAnswer(a, endpoint(http), false);
    HttpUrl url = http.resolve(a.headers().get("Location"));
    if (url == null) {
      throw UploadException.fatal(
          "The tus server created an upload but did not say where it is.", "TusNoLocation", null);
    }
    if (first == null) return new RemoteUpload(http, url, length, 0);
    // a server that took less of the first bytes is asked (HEAD) where to go on from
    RemoteUpload u = new RemoteUpload(http, url, length, -1);
    if (a.offset() == firstLength) {
      u.offset = firstLength;
      u.held = firstLength;
      u.confirmed = firstLength == length;
    }
    return u;
  }

  private static String endpoint(TusHttp http) {
    return http.endpoint().toString();
  }

  /** What the server holds, asking it (HEAD) unless its last answer still stands. */
  long offset() throws UploadException {
    if (offset >= 0) return offset;
    TusHttp.Answer a;
    try {
      a = http.head(url);
    } catch (IOException e) {
      throw TusErrors.translate(e, endpoint(http));
    }
    if (!a.ok()) throw TusErrors.forAnswer(a, endpoint(http), true);
    if (a.offset() < 0) {
      // tus-java-server answers a bare 200 while an interrupted PATCH still holds the upload's lock
      throw UploadException.retryable(
          "The server is still busy with the last chunk.", "TusNoOffset", null);
    }
    if (a.length() >= 0 && a.length() != length) {
      throw new UploadException(
          UploadException.Kind.UPLOAD_GONE,
          "The unfinished upload on the server belongs to another version of the file.",
          "TusLengthMismatch",
          "server Upload-Length " + a.length() + ", file " + length,
          null);
    }
    offset = a.offset();
    held = offset;
    return offset;
  }

  /** Forgets the last stated offset: after any failure the next request starts with a HEAD. */
  void forget() {
    offset = -1;
  }

  /**
   * Appends {@code count} bytes at {@code at}, which must be the server's offset; {@code checksum}
   * is an Upload-Checksum value or null.
   */
  void append(long at, RequestBody body, long count, @Nullable String checksum)
      throws UploadException {
    TusHttp.Answer a;
    try {
      a = http.write(url, at, body, checksum);
    } catch (IOException e) {
      forget();
      throw TusErrors.translate(e, endpoint(http));
    }
    took(a, at, count);
  }

  private void took(TusHttp.Answer a, long at, long count) throws UploadException {
    if (!a.ok()) {
      forget();
      throw TusErrors.forAnswer(a, endpoint(http), true);
    }
    if (a.offset() != at + count) {
      forget();
      throw UploadException.retryable(
          "The server took less of the part than was sent.",
          "TusShortWrite",
          new IOException("sent up to " + (at + count) + ", server offset " + a.offset()));
    }
    offset = a.offset();
    held = offset;
    confirmed = offset == length;
  }

  /**
   * Makes sure the server confirmed the upload complete (see the class comment). Throws UPLOAD_GONE
   * when it holds less than the whole file, and a retryable error when it does not confirm.
   */
  void confirmComplete() throws UploadException {
    if (confirmed) return;
    long held = offset();
    if (held != length) {
      forget();
      throw new UploadException(
          UploadException.Kind.UPLOAD_GONE,
          "The server holds only part of the finished file.",
          "TusIncomplete",
          "server offset " + held + " of " + length,
          null);
    }
    try {
      append(length, TusHttp.body(new byte[0]), 0, null);
    } catch (UploadException e) {
      if (e.kind() != UploadException.Kind.RETRYABLE) throw e;
      throw UploadException.retryable(
          "The server said the upload is complete, but could not confirm that it stored it; asking"
              + " it again.",
          "TusUnconfirmed",
          e);
    }
  }

  boolean confirmed() {
    return confirmed;
  }
}
