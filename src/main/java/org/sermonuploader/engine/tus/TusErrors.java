package org.sermonuploader.engine.tus;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.engine.http.TooSlowAnswer;

/**
 * Turns tus servers' answers and what the HTTP client throws into plain-language {@link
 * UploadException}s.
 */
final class TusErrors {
  private TusErrors() {}

  /** A request that got no answer. */
  static UploadException translate(IOException e, String endpoint) {
    UploadException u = describe(e, endpoint);
    return u.because(reasonFor(u.code()));
  }

  /**
   * The one place where HTTP statuses (as "HTTP401") and this class's own tags become reasons; the
   * rest of the app decides on reasons only.
   */
  static UploadException.Reason reasonFor(@Nullable String code) {
    return switch (code == null ? "" : code) {
      case "Network" -> UploadException.Reason.NETWORK;
      case "UnknownHost" -> UploadException.Reason.UNKNOWN_HOST;
      case "TLS", "UntrustedCertificate" -> UploadException.Reason.TLS;
      case "HTTP401", "HTTP403" -> UploadException.Reason.CREDENTIALS_REFUSED;
      case "HTTP501" -> UploadException.Reason.NOT_IMPLEMENTED;
      case "HTTP405" -> UploadException.Reason.METHOD_NOT_ALLOWED;
      default -> UploadException.Reason.OTHER;
    };
  }

  private static UploadException describe(IOException e, String endpoint) {
    if (e instanceof UnknownHostException) {
      return UploadException.retryable(
          "The server name "
              + host(endpoint)
              + " can't be found. Check the address and the network.",
          "UnknownHost",
          e);
    }
    if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
      return UploadException.retryable(
          "Nothing answers at " + endpoint + ". Is the server running and the network up?",
          "ConnectionRefused",
          e);
    }
    if (e instanceof TooSlowAnswer slow) {
      return UploadException.retryable(slow.plainWords(endpoint), "TooSlow", e);
    }
    if (e instanceof SocketTimeoutException) {
      return UploadException.retryable("The server stopped responding.", "Timeout", e);
    }
    if (e instanceof InterruptedIOException) {
      return UploadException.retryable("The upload was stopped.", "Interrupted", e);
    }
    if (e instanceof SSLHandshakeException && String.valueOf(e.getMessage()).contains("PKIX")) {
      return UploadException.fatal(
          "The server's certificate is not trusted by this computer.", "UntrustedCertificate", e);
    }
    if (e instanceof SSLException) {
      return UploadException.fatal(
          "A secure (https) connection could not be made. Does the server use http rather than https?",
          "TLS",
          e);
    }
    return UploadException.retryable("The connection to the server broke.", "Network", e);
  }

  /**
   * An answer that is not what the request asked for, as an exception.
   *
   * @param onUpload true when the request went to an upload URL (HEAD, PATCH, DELETE): a 404 or 410
   *     there means the upload is gone; on the creation URL it means a wrong address
   */
  static UploadException forAnswer(TusHttp.Answer a, String endpoint, boolean onUpload) {
    UploadException e = forStatus(a.status(), endpoint, onUpload, null);
    if (a.text().isEmpty()) return e;
    return new UploadException(
            e.kind(),
            e.userMessage(),
            e.code(),
            "HTTP " + a.status() + ": " + a.text(),
            e.getCause())
        .because(e.reason());
  }

  static UploadException forStatus(
      int status, String endpoint, boolean onUpload, @Nullable Throwable e) {
    UploadException u = describeStatus(status, endpoint, onUpload, e);
    return u.because(reasonFor(u.code()));
  }

  private static UploadException describeStatus(
      int status, String endpoint, boolean onUpload, @Nullable Throwable e) {
    String code = "HTTP" + status;
    switch (status) {
      case 401 -> {
        return UploadException.fatal(
            "The tus server refused the token. Check the Authorization header in the tus headers setting (TUS_HEADERS).",
            code,
            e);
      }
      case 403 -> {
        return UploadException.fatal(
            "The tus server refused access. Check the token in the tus headers setting (TUS_HEADERS).",
            code,
            e);
      }
      case 404, 410 -> {
        if (onUpload) {
          return new UploadException(
              UploadException.Kind.UPLOAD_GONE,
              "The server no longer has the unfinished upload.",
              code,
              null,
              e);
        }
        return UploadException.fatal(
            "No tus server answers at "
                + endpoint
                + " (HTTP "
                + status
                + "). Check the address: it is usually the server's /files/ path.",
            code,
            e);
      }
      case 400, 405, 501 -> {
        // a refused PATCH was tried again as POST with X-HTTP-Method-Override before this
        if (onUpload) {
          return UploadException.fatal(
              "The server refused a chunk (HTTP " + status + "). The details are in the log.",
              code,
              e);
        }
        if (status == 501)
          return UploadException.fatal(
              "The server at " + endpoint + " does not accept tus uploads (HTTP 501).", code, e);
        if (status == 400)
          return UploadException.fatal("The server refused the request (HTTP 400).", code, e);
        return UploadException.fatal(
            "The server at " + endpoint + " does not accept tus uploads (HTTP 405).", code, e);
      }
      case 409 -> {
        return UploadException.retryable(
            "The server holds a different amount of the file than expected; asking it again.",
            "TusOffsetConflict",
            e);
      }
      case 412 -> {
        return UploadException.fatal(
            "The server speaks another version of the tus protocol.", code, e);
      }
      case 413 -> {
        return UploadException.fatal("The server refuses files this large.", code, e);
      }
      case 423 -> {
        return UploadException.retryable("The server is still busy with the last chunk.", code, e);
      }
      case 460 -> {
        return UploadException.bytesRejected("ChecksumMismatch", e);
      }
      case -1 -> {
        return UploadException.retryable("The server gave no answer.", "NoResponse", e);
      }
      default -> {
        if (status >= 500 || status == 429 || status == 408) {
          return UploadException.retryable(
              "The server had a problem (HTTP " + status + ").", code, e);
        }
        return UploadException.fatal(
            "The server refused the request (HTTP " + status + ").", code, e);
      }
    }
  }

  private static String host(String endpoint) {
    try {
      return java.net.URI.create(endpoint).getHost();
    } catch (IllegalArgumentException e) {
      return endpoint;
    }
  }
}
