package org.sermonuploader.engine.tus;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.engine.FilePart;
import org.sermonuploader.engine.http.HttpClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tus requests, on OkHttp (the S3 client's too), which sends PATCH as PATCH. Java's
 * HttpURLConnection, under tus-java-client, knows no PATCH and sends every chunk as POST with
 * X-HTTP-Method-Override, which the tus Node.js server 2.x refuses. Chunks fall back to that header
 * only for a server (or a proxy in front of it) found to refuse PATCH; that finding is kept in the
 * URL store, per endpoint, so later runs go straight to it.
 *
 * <p>Deadlines are {@link HttpClients}'s, shared with S3: the answer's head within the timeout, and
 * a body that stops moving is cut (socket writes block without limit under HttpURLConnection).
 */
final class TusHttp implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TusHttp.class);

  static final String TUS_VERSION = "1.0.0";
  static final MediaType CHUNK = MediaType.get("application/offset+octet-stream");
  private static final int COPY_BUFFER = 64 << 10;

  /** What a tus server answered: status, the headers the protocol needs, and a short text. */
  record Answer(int status, Headers headers, String text) {
    boolean ok() {
      return status >= 200 && status < 300;
    }

    /** Upload-Offset, or -1 when missing or unreadable. */
    long offset() {
      return number("Upload-Offset");
    }

    /** Upload-Length, or -1 when missing (deferred) or unreadable. */
    long length() {
      return number("Upload-Length");
    }

    private long number(String name) {
      String v = headers.get(name);
      if (v == null) return -1;
      try {
        return Long.parseLong(v.trim());
      } catch (NumberFormatException e) {
        return -1;
      }
    }
  }

  private final TusConfig config;
  private final HttpUrl endpoint;
  private final TusUrlStore store;
  private final OkHttpClient http;
  private volatile boolean patchAsPost;

  TusHttp(TusConfig config, HttpUrl endpoint, TusUrlStore store) {
    this.config = config;
    this.endpoint = endpoint;
    this.store = store;
    this.patchAsPost = store.sendsPatchAsPost(endpoint.toString());
    this.http =
        HttpClients.withDeadlines(config.connectTimeout(), config.ioTimeout())
            .followRedirects(false)
            .build();
  }

  HttpUrl endpoint() {
    return endpoint;
  }

  /** True once the server was found to refuse PATCH: chunks go as POST with the override. */
  boolean patchAsPost() {
    return patchAsPost;
  }

  Answer options() throws IOException {
    return send(request(endpoint).method("OPTIONS", null));
  }

  Answer head(HttpUrl upload) throws IOException {
    return send(request(upload).head());
  }

  Answer delete(HttpUrl upload) throws IOException {
    return send(request(upload).delete());
  }

  /**
   * POST to the endpoint. With {@code first} (creation-with-upload) the upload's first bytes ride
   * on the same request; without, the upload is created empty.
   */
  Answer create(long length, Map<String, String> metadata, @Nullable RequestBody first)
      throws IOException {
    Request.Builder b =
        request(endpoint)
            .header("Upload-Length", Long.toString(length))
            .post(first == null ? RequestBody.create(new byte[0], null) : first);
    String encoded = encodeMetadata(metadata);
    if (!encoded.isEmpty()) b.header("Upload-Metadata", encoded);
    return send(b);
  }

  /**
   * Appends {@code body} at {@code offset}: PATCH, or POST with X-HTTP-Method-Override where the
   * server refuses PATCH. {@code checksum} is an Upload-Checksum value, or null.
   */
  Answer write(HttpUrl upload, long offset, RequestBody body, @Nullable String checksum)
      throws IOException {
    if (!patchAsPost) {
      Answer a = send(chunk(upload, offset, checksum).patch(body));
      if (!refusesPatch(a)) return a;
      log.warn(
          "The tus server at {} refused PATCH (HTTP {}: {}); chunks go as POST with"
              + " X-HTTP-Method-Override from now on",
          endpoint,
          a.status(),
          a.text());
      patchAsPost = true;
      store.rememberPatchAsPost(endpoint.toString());
    }
    return send(
        chunk(upload, offset, checksum).header("X-HTTP-Method-Override", "PATCH").post(body));
  }

  /**
   * How a server or proxy says it does not know PATCH: 405 or 501, or a 400 that names the method.
   */
  static boolean refusesPatch(Answer a) {
    if (a.status() == 405 || a.status() == 501) return true;
    String t = a.text().toLowerCase(Locale.ROOT);
    return a.status() == 400 && (t.contains("patch") || t.contains("method"));
  }

  private Request.Builder chunk(HttpUrl upload, long offset, @Nullable String checksum) {
    Request.Builder b = request(upload).header("Upload-Offset", Long.toString(offset));
    if (checksum != null) b.header("Upload-Checksum", checksum);
    return b;
  }

  private Request.Builder request(HttpUrl url) {
    Request.Builder b = new Request.Builder().url(url).header("Tus-Resumable", TUS_VERSION);
    config.headers().forEach(b::header);
    return b;
  }

  private Answer send(Request.Builder b) throws IOException {
    try (Response r = http.newCall(b.build()).execute()) {
      String text = "";
      if (r.code() >= 400) {
        // the reason is for the log; a body is read only as far as a line of text goes
        String s = r.peekBody(300).string();
        text = s.replaceAll("\\s+", " ").trim();
      }
      return new Answer(r.code(), r.headers(), text);
    }
  }

  /** Resolves a Location header against the endpoint; null when there is none. */
  @Nullable HttpUrl resolve(@Nullable String location) {
    return location == null ? null : endpoint.resolve(location);
  }

  /** Upload-Metadata: keys with Base64 values of their UTF-8 bytes, whatever the platform's. */
  static String encodeMetadata(Map<String, String> metadata) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> e : metadata.entrySet()) {
      if (out.length() > 0) out.append(',');
      out.append(e.getKey())
          .append(' ')
          .append(
              Base64.getEncoder().encodeToString(e.getValue().getBytes(StandardCharsets.UTF_8)));
    }
    return out.toString();
  }

  /** {@code count} bytes of a part from {@code from} (relative to the part), read while sent. */
  static RequestBody body(FilePart part, long from, long count) {
    return new RequestBody() {
      @Override
      public MediaType contentType() {
        return CHUNK;
      }

      @Override
      public long contentLength() {
        return count;
      }

      /**
       * A body is streamed from the file once; a retry is a new request from the server's offset.
       */
      @Override
      public boolean isOneShot() {
        return true;
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        try (InputStream in = part.openStream(from)) {
          byte[] buffer = new byte[(int) Math.min(COPY_BUFFER, Math.max(1, count))];
          for (long left = count; left > 0; ) {
            if (Thread.currentThread().isInterrupted()) throw new InterruptedIOException("stopped");
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) throw new IOException("the part ended early");
            sink.write(buffer, 0, n);
            left -= n;
          }
        }
      }
    };
  }

  static RequestBody body(byte[] bytes) {
    return RequestBody.create(bytes, CHUNK);
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
