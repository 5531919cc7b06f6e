package org.sermonuploader.engine.s3;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionSpec;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.engine.http.HttpClients;

/**
 * Sends signed S3 requests to one bucket by path (http(s)://host:port/bucket/key) and turns error
 * answers into {@link S3Failure}s, then plain words by {@link S3Errors}. Requests run on the
 * calling thread; a part's runs on OkHttp's so that the caller can stop waiting for it at once.
 *
 * <p>Deadlines are {@link HttpClients}'s, shared with tus: the answer's head within the timeout,
 * and a body that stops moving is cut.
 */
final class S3Http implements AutoCloseable {
  /** How often a part's request looks whether it was stopped: pause acts within this. */
  private static final long STOP_POLL_MILLIS = 100;

  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]");
  private static final Pattern IPV4 = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");
  private static final RequestBody EMPTY = RequestBody.create(new byte[0], null);

  /** One request: what {@link #call} and {@link #open} send. */
  static final class Req {
    final String method;
    final @Nullable String key;
    final SortedMap<String, String> query = new TreeMap<>();
    final Map<String, String> headers = new LinkedHashMap<>();
    @Nullable RequestBody body;
    String payloadHash = SigV4.EMPTY_SHA256;

    Req(String method, @Nullable String key) {
      this.method = method;
      this.key = key;
    }

    Req query(String name, String value) {
      query.put(name, value);
      return this;
    }

    Req header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    /** A small body sent from memory, signed by its SHA-256. */
    Req body(byte[] data) {
      body = RequestBody.create(data, null);
      payloadHash = SigV4.hex(SigV4.sha256(data));
      return this;
    }
  }

  /** Reads a successful answer into what the request asked for. */
  interface Answer<T> {
    T read(Response response) throws IOException, S3Failure;
  }

  private final S3Config config;
  private final OkHttpClient http;
  private final SigV4 signer;
  private final HttpUrl base;
  private final String host;

  S3Http(S3Config config) throws UploadException {
    this.config = config;
    HttpUrl url = HttpUrl.parse(config.endpoint());
    if (url == null
        || !url.encodedPath().equals("/")
        || url.encodedQuery() != null
        || url.encodedFragment() != null) {
      throw UploadException.fatal(
          "The server address '"
              + config.endpoint()
              + "' is not valid. Write it like"
              + " http://192.168.1.10:9000, with nothing after the port.",
          "BadEndpoint",
          null);
    }
    if (!validBucket(config.bucket())) {
      throw UploadException.fatal(
          "The bucket name '"
              + config.bucket()
              + "' is not allowed. Bucket names are 3 to"
              + " 63 small letters, digits, dots and hyphens.",
          "BadBucketName",
          null);
    }
    this.base = url;
    String h = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
    this.host = url.port() == HttpUrl.defaultPort(url.scheme()) ? h : h + ":" + url.port();
    String region =
        config.region() == null || config.region().isBlank() ? "us-east-1" : config.region();
    this.signer = new SigV4(config.accessKey(), config.secretKey(), region, "s3");
    OkHttpClient.Builder b =
        HttpClients.withDeadlines(config.connectTimeout(), config.ioTimeout())
            // the engine retries with its own backoff and knows which requests are safe to repeat
            .retryOnConnectionFailure(false);
    Path caFile = config.caFile();
    if (caFile != null) CaTrust.trustAlso(b, caFile);
    // a plain-http server needs no TLS: without it the client skips loading the system's
    // certificates, a tenth of a second of every start on this machine
    if (url.scheme().equals("http")) b.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
    this.http = b.build();
  }

  /** S3's rule for bucket names: 3 to 63 small letters, digits, dots and hyphens. */
  static boolean validBucket(String name) {
    return BUCKET.matcher(name).matches()
        && !name.contains("..")
        && !name.contains(".-")
        && !name.contains("-.")
        && !IPV4.matcher(name).matches();
  }

  /** Sends the request and reads its answer, which is closed after. */
  <T> T call(Req r, Answer<T> answer) throws UploadException {
    try (Response response = checked(r, execute(r))) {
      return answer.read(response);
    } catch (IOException | S3Failure | RuntimeException e) {
      throw fail(e);
    }
  }

  /** Sends the request and hands over its answer open, its body to be streamed. */
  Response open(Req r) throws UploadException {
    try {
      return checked(r, execute(r));
    } catch (IOException | S3Failure | RuntimeException e) {
      throw fail(e);
    }
  }

  private Response execute(Req r) throws IOException, UploadException {
    try {
      return http.newCall(request(r)).execute();
    } catch (InterruptedIOException e) {
      if (Thread.currentThread().isInterrupted()) throw interrupted(e);
      throw e;
    }
  }

  /**
   * Sends a part (or a whole recording) from its file; once {@code stop} says so the request is
   * cancelled and the wait ends, even while a server that reads slowly holds the part's bytes.
   */
  <T> T callStoppable(Req r, BooleanSupplier stop, Answer<T> answer) throws UploadException {
    Call call = http.newCall(request(r));
    CompletableFuture<Response> future = new CompletableFuture<>();
    call.enqueue(
        new Callback() {
          @Override
          public void onFailure(Call c, IOException e) {
            future.completeExceptionally(e);
          }

          @Override
          public void onResponse(Call c, Response response) {
            future.complete(response);
          }
        });
    Response response;
    try {
      while (true) {
        try {
          response = future.get(STOP_POLL_MILLIS, TimeUnit.MILLISECONDS);
          break;
        } catch (TimeoutException e) {
          if (stop.getAsBoolean()) {
            cancel(call, future);
            throw UploadException.retryable("The part was stopped.", "Stopped", null);
          }
        }
      }
    } catch (InterruptedException e) {
      cancel(call, future);
      Thread.currentThread().interrupt();
      throw UploadException.retryable("Interrupted.", "Interrupted", e);
    } catch (ExecutionException e) {
      throw fail(e.getCause() == null ? e : e.getCause());
    }
    try (Response checked = checked(r, response)) {
      return answer.read(checked);
    } catch (IOException | S3Failure | RuntimeException e) {
      throw fail(e);
    }
  }

  private static void cancel(Call call, CompletableFuture<Response> future) {
    call.cancel();
    // an answer that arrives all the same is closed
    var unused = future.thenAccept(Response::close);
  }

  private UploadException interrupted(InterruptedIOException e) {
    return UploadException.retryable("Interrupted.", "Interrupted", e);
  }

  private UploadException fail(Throwable e) {
    if (e instanceof UploadException u) return u;
    return S3Errors.translate(e, config.bucket(), config.endpoint());
  }

  private Request request(Req r) {
    String path =
        "/" + SigV4.encode(config.bucket()) + (r.key == null ? "" : "/" + SigV4.encodePath(r.key));
    String query = SigV4.query(r.query);
    HttpUrl url =
        base.newBuilder().encodedPath(path).encodedQuery(query.isEmpty() ? null : query).build();
    String amzDate = AMZ_DATE.format(Instant.now());
    SortedMap<String, String> signed = new TreeMap<>();
    Headers.Builder headers = new Headers.Builder();
    for (Map.Entry<String, String> h : r.headers.entrySet()) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      headers.addUnsafeNonAscii(h.getKey(), h.getValue());
      if (name.startsWith("x-amz-") || name.equals("content-md5") || name.equals("content-type"))
        signed.put(name, h.getValue());
    }
    signed.put("host", host);
    signed.put("x-amz-date", amzDate);
    signed.put("x-amz-content-sha256", r.payloadHash);
    headers.set("Host", host).set("X-Amz-Date", amzDate).set("X-Amz-Content-Sha256", r.payloadHash);
    headers.set(
        "Authorization",
        signer.authorization(r.method, path, query, signed, r.payloadHash, amzDate));
    RequestBody body = r.body;
    if (body == null && (r.method.equals("PUT") || r.method.equals("POST"))) body = EMPTY;
    return new Request.Builder().url(url).headers(headers.build()).method(r.method, body).build();
  }

  /** The answer when it is a success; otherwise it is read, closed and thrown as S3 put it. */
  private static Response checked(Req r, Response response) throws IOException, S3Failure {
    if (response.isSuccessful()) return response;
    try (response) {
      throw failure(r, response);
    }
  }

  private static S3Failure failure(Req r, Response response) throws IOException {
    byte[] body = response.body().byteStream().readNBytes(1 << 20);
    int status = response.code();
    boolean head = r.method.equals("HEAD");
    String type = response.header("Content-Type");
    String requestId = response.header("x-amz-request-id");
    if (!head && (type == null || !Arrays.asList(type.split(";")).contains("application/xml"))) {
      String text = new String(body, 0, Math.min(body.length, 1024), StandardCharsets.UTF_8);
      return new S3Failure(
          S3Failure.Kind.NOT_UNDERSTOOD, status, null, type + ": " + text, r.key, requestId);
    }
    if (body.length > 0) {
      try {
        S3Answers.ErrorAnswer a = S3Xml.error(body);
        return new S3Failure(
            S3Failure.Kind.ERROR,
            status,
            a.code(),
            a.message(),
            a.resource(),
            a.requestId() != null ? a.requestId() : requestId);
      } catch (S3Xml.NotXml e) {
        return new S3Failure(
            S3Failure.Kind.NOT_UNDERSTOOD, status, null, e.getMessage(), r.key, requestId);
      }
    }
    if (!head) {
      return new S3Failure(
          S3Failure.Kind.NOT_UNDERSTOOD, status, null, "an empty answer", r.key, requestId);
    }
    // a HEAD's answer has no body: its status is all there is
    String code =
        switch (status) {
          case 301 -> "PermanentRedirect";
          case 307 -> "Redirect";
          case 400 -> "BadRequest";
          case 404 -> r.key != null ? "NoSuchKey" : "NoSuchBucket";
          case 405, 501 -> "MethodNotAllowed";
          case 409 -> "NoSuchBucket";
          case 403 -> "AccessDenied";
          case 412 -> "PreconditionFailed";
          case 416 -> "InvalidRange";
          default -> null;
        };
    if (code == null) {
      return new S3Failure(S3Failure.Kind.STATUS, status, null, null, r.key, requestId);
    }
    return new S3Failure(S3Failure.Kind.ERROR, status, code, "HEAD " + status, r.key, requestId);
  }

  /** Ends every request under way, as a check that ran out of time does. */
  void cancelAll() {
    http.dispatcher().cancelAll();
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
