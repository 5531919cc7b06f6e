package org.sermonuploader.engine.s3;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.engine.http.TooSlowAnswer;

/** Turns S3's error answers and what OkHttp throws into plain-language {@link UploadException}s. */
final class S3Errors {
  private S3Errors() {}

  static UploadException translate(Throwable t, String bucket, String endpoint) {
    UploadException u = describe(unwrap(t), bucket, endpoint);
    return u.because(reasonFor(u.code()));
  }

  /**
   * The one place where the server's error codes (and this class's own tags) become reasons; the
   * rest of the app decides on reasons only.
   */
  static UploadException.Reason reasonFor(@Nullable String code) {
    return switch (code == null ? "" : code) {
      case "Network" -> UploadException.Reason.NETWORK;
      case "UnknownHost" -> UploadException.Reason.UNKNOWN_HOST;
      case "TLS", "UntrustedCertificate", "CertificateName", "CertificateDate" ->
          UploadException.Reason.TLS;
      case "NotS3" -> UploadException.Reason.NOT_THIS_KIND_OF_SERVER;
      case "InvalidAccessKeyId", "SignatureDoesNotMatch" ->
          UploadException.Reason.CREDENTIALS_REFUSED;
      case "AccessDenied" -> UploadException.Reason.ACCESS_DENIED;
      case "NoSuchBucket" -> UploadException.Reason.NO_SUCH_BUCKET;
      case "NoSuchKey", "NotFound", "NoSuchObject" -> UploadException.Reason.NOT_FOUND;
      case "NotImplemented" -> UploadException.Reason.NOT_IMPLEMENTED;
      case "MethodNotAllowed" -> UploadException.Reason.METHOD_NOT_ALLOWED;
      case "InternalError", "HTTP500" -> UploadException.Reason.SERVER_ERROR;
      default -> UploadException.Reason.OTHER;
    };
  }

  private static UploadException describe(Throwable e, String bucket, String endpoint) {
    if (e instanceof S3Failure f) {
      return switch (f.kind()) {
        case ERROR -> forCode(f.code(), f.status(), bucket, e);
        case STATUS ->
            UploadException.retryable(
                "The server had a problem (HTTP " + f.status() + ").", "HTTP" + f.status(), e);
        case NOT_UNDERSTOOD -> notUnderstood(e);
      };
    }
    if (e instanceof S3Xml.NotXml) return notUnderstood(e);
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
    if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
      return UploadException.retryable("The server stopped responding.", "Timeout", e);
    }
    if (e instanceof SSLPeerUnverifiedException) {
      return UploadException.fatal(
          "The server's certificate is made out to another name than "
              + host(endpoint)
              + ". Use the name the certificate carries in the server address.",
          "CertificateName",
          e);
    }
    if (e instanceof SSLHandshakeException
        && causedBy(e, CertificateExpiredException.class, CertificateNotYetValidException.class)) {
      return UploadException.fatal(
          "The server's certificate is out of date, or this computer's clock is wrong."
              + " Check the date and time here, then the certificate on the server.",
          "CertificateDate",
          e);
    }
    if (e instanceof SSLHandshakeException && String.valueOf(e.getMessage()).contains("PKIX")) {
      return UploadException.fatal(
          "The server's certificate is not trusted. If it is self-signed, give its CA file in the settings (MINIO_CA_FILE).",
          "UntrustedCertificate",
          e);
    }
    if (e instanceof SSLException) {
      return UploadException.fatal(
          "A secure (https) connection could not be made. Does the server use http rather than https?",
          "TLS",
          e);
    }
    if (e instanceof ProtocolException pe) {
      // an SSH daemon, a database or a mail server behind the port: waiting will not change that
      return UploadException.fatal(
          "This is not an S3 server (it answered "
              + firstAnswer(pe)
              + "). Check the address and port: "
              + endpoint
              + ".",
          "NotS3",
          e);
    }
    if (e instanceof IOException) {
      return UploadException.retryable("The connection to the server broke.", "Network", e);
    }
    return UploadException.fatal(
        "Something went wrong talking to the server.", e.getClass().getSimpleName(), e);
  }

  private static UploadException notUnderstood(Throwable e) {
    return UploadException.retryable(
        "The server gave an answer the app did not understand.", "InvalidResponse", e);
  }

  static UploadException forCode(@Nullable String code, int status, String bucket, Throwable e) {
    switch (code == null ? "" : code) {
      case "InvalidAccessKeyId" -> {
        return UploadException.fatal(
            "The server does not know this access key. Check the access key in the settings.",
            code,
            e);
      }
      case "SignatureDoesNotMatch" -> {
        return UploadException.fatal(
            "The server refused the secret key. Check the secret key in the settings.", code, e);
      }
      case "AccessDenied" -> {
        return UploadException.fatal(
            "The server refused access. The user may not be allowed to write to bucket '"
                + bucket
                + "'.",
            code,
            e);
      }
      case "NoSuchBucket" -> {
        return UploadException.fatal(
            "The bucket '"
                + bucket
                + "' does not exist on the server. Create it, or turn on \"create the bucket\" in the settings.",
            code,
            e);
      }
      case "RequestTimeTooSkewed" -> {
        return UploadException.fatal(
            "This computer's clock is wrong, so the server refuses it. Set the date and time (turn on network time) and try again.",
            code,
            e);
      }
      case "NoSuchUpload" -> {
        return new UploadException(
            UploadException.Kind.UPLOAD_GONE,
            "The server no longer has the unfinished upload.",
            code,
            null,
            e);
      }
      case "PreconditionFailed" -> {
        // only sent for If-None-Match: * on our own writes: the key was taken meanwhile
        return new UploadException(
            UploadException.Kind.KEY_TAKEN, UploadException.KEY_TAKEN_MESSAGE, code, null, e);
      }
      case "BadDigest", "XAmzContentSHA256Mismatch", "InvalidDigest" -> {
        return UploadException.bytesRejected(String.valueOf(code), e);
      }
      case "SlowDown",
          "ServiceUnavailable",
          "InternalError",
          "RequestTimeout",
          "XMinioServerNotInitialized",
          "ConditionalRequestConflict" -> {
        return UploadException.retryable("The server is busy or restarting.", code, e);
      }
      case "NotImplemented", "MethodNotAllowed" -> {
        // asking again gets the same answer: the server does not have this request
        return UploadException.fatal(
            "The server does not support a request the app needs (" + code + ").", code, e);
      }
      case "EntityTooLarge" -> {
        return UploadException.fatal("The server refuses files this large.", code, e);
      }
      default -> {
        if (status >= 500 || status == 429 || status == 408) {
          return UploadException.retryable(
              "The server had a problem (HTTP " + status + ").", code, e);
        }
        if (status == 403) {
          return UploadException.fatal("The server refused access (" + code + ").", code, e);
        }
        return UploadException.fatal("The server refused the request (" + code + ").", code, e);
      }
    }
  }

  /**
   * The start of what the server sent instead of an HTTP status line, as OkHttp quotes it, made
   * printable: a banner such as "SSH-2.0-OpenSSH_9.2", or bytes shown as escapes.
   */
  static String firstAnswer(ProtocolException e) {
    String m = String.valueOf(e.getMessage());
    String marker = "status line: ";
    int at = m.indexOf(marker);
    if (at < 0) return "something that is not HTTP";
    String answer = m.substring(at + marker.length());
    StringBuilder b = new StringBuilder("\"");
    answer
        .codePoints()
        .limit(60)
        .forEach(
            c -> {
              if (c >= 0x20 && c < 0x7f) b.appendCodePoint(c);
              else
                b.append(
                    String.format(java.util.Locale.ROOT, c < 0x100 ? "\\x%02x" : "\\u%04x", c));
            });
    if (answer.codePointCount(0, answer.length()) > 60) b.append('\u2026');
    return b.append('"').toString();
  }

  @SafeVarargs
  private static boolean causedBy(Throwable t, Class<? extends Throwable>... kinds) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      for (Class<? extends Throwable> k : kinds) {
        if (k.isInstance(c)) return true;
      }
    }
    return false;
  }

  /** The server answered that nothing is stored under the key. */
  static boolean isMissing(UploadException e) {
    return e.reason() == UploadException.Reason.NOT_FOUND;
  }

  /**
   * Whether the server answered the request that failed (an error status), so a write surely did
   * not happen; false for a timeout or a broken connection, after which it may still land.
   */
  static boolean serverAnswered(UploadException e) {
    Throwable cause = e.getCause();
    if (cause == null) return false;
    return unwrap(cause) instanceof S3Failure;
  }

  private static Throwable unwrap(Throwable t) {
    Throwable e = t;
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  private static String host(String endpoint) {
    try {
      return java.net.URI.create(endpoint).getHost();
    } catch (IllegalArgumentException e) {
      return endpoint;
    }
  }
}
