package org.sermonuploader.engine.s3;

import io.minio.AbortMultipartUploadArgs;
import io.minio.CreateMultipartUploadArgs;
import io.minio.GetObjectTagsArgs;
import io.minio.Http;
import io.minio.ListMultipartUploadsArgs;
import io.minio.ListObjectsV2Args;
import io.minio.ListPartsArgs;
import io.minio.ListPartsResponse;
import io.minio.MinioAsyncClient;
import io.minio.SetObjectTagsArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.messages.ListMultipartUploadsResult;
import io.minio.messages.Tags;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.engine.Leftovers;
import org.sermonuploader.engine.RemoteObject;
import org.sermonuploader.engine.Transfer;
import org.sermonuploader.engine.TransferSession;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.engine.UploadPlan;
import org.sermonuploader.engine.http.HttpClients;
import org.sermonuploader.model.ConnectionReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Uploads to S3/MinIO with minio-java's low-level multipart calls, resumable part by part. */
public final class S3Transfer implements Transfer {
  private static final Logger log = LoggerFactory.getLogger(S3Transfer.class);
  static final String SHA256_KEY = "sha256";
  static final String META = "X-Amz-Meta-";

  /** How often a part's request looks whether it was stopped: pause acts within this. */
  private static final long STOP_POLL_MILLIS = 100;

  private final S3Config config;
  private final OkHttpClient http;
  private final MinioAsyncClient client;
  private final Sha256Markers markers = new Sha256Markers(this);
  private final AbortCheck abortCheck = new AbortCheck(this);
  private final ConditionalWriteCheck conditionalCheck = new ConditionalWriteCheck(this);
  private volatile @Nullable Boolean taggingSupported;

  /** False on a transfer made to check for single-request uploads only. */
  private boolean checksResume = true;

  /** False once the server refused {@code If-None-Match: *} itself rather than a taken key. */
  private volatile boolean conditionalWrites = true;

  public S3Transfer(S3Config config) throws UploadException {
    this.config = config;
    OkHttpClient.Builder b =
        HttpClients.withDeadlines(config.connectTimeout(), config.ioTimeout())
            // the engine retries with its own backoff and knows which requests are safe to repeat
            .retryOnConnectionFailure(false);
    Path caFile = config.caFile();
    if (caFile != null) CaTrust.trustAlso(b, caFile);
    // a plain-http server needs no TLS: without it the client skips loading the system's
    // certificates, a tenth of a second of every start on this machine
    if (config.endpoint().startsWith("http://"))
      b.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
    this.http = b.build();
    try {
      this.client =
          MinioAsyncClient.builder()
              .endpoint(config.endpoint())
              .region(config.region() == null ? "us-east-1" : config.region())
              .credentials(config.accessKey(), config.secretKey())
              .httpClient(http, true)
              .build();
    } catch (IllegalArgumentException e) {
      throw UploadException.fatal(
          "The server address '"
              + config.endpoint()
              + "' is not valid. Write it like"
              + " http://192.168.1.10:9000, with nothing after the port.",
          "BadEndpoint",
          e);
    }
    try {
      // the SDK checks bucket names only when a request is built: check once, with a plain answer
      ListObjectsV2Args.builder().bucket(config.bucket()).build();
    } catch (IllegalArgumentException e) {
      throw UploadException.fatal(
          "The bucket name '"
              + config.bucket()
              + "' is not allowed. Bucket names are 3 to"
              + " 63 small letters, digits, dots and hyphens.",
          "BadBucketName",
          e);
    }
  }

  @Override
  public String name() {
    return "S3";
  }

  @Override
  public String describeDestination() {
    return "bucket " + config.bucket() + " on " + config.endpoint();
  }

  public String bucket() {
    return config.bucket();
  }

  MinioAsyncClient client() {
    return client;
  }

  Sha256Markers markers() {
    return markers;
  }

  <T> T await(CompletableFuture<T> future) throws UploadException {
    return await(future, () -> false);
  }

  /**
   * Waits for a request that sends a part; once {@code stop} says so the wait ends, even while the
   * request is stuck writing to a server that reads slowly (the part's stream ends it later).
   */
  <T> T await(CompletableFuture<T> future, BooleanSupplier stop) throws UploadException {
    try {
      while (true) {
        try {
          return future.get(STOP_POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          if (stop.getAsBoolean()) {
            future.cancel(true);
            throw UploadException.retryable("The part was stopped.", "Stopped", null);
          }
        }
      }
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw UploadException.retryable("Interrupted.", "Interrupted", e);
    } catch (ExecutionException e) {
      throw S3Errors.translate(e, config.bucket(), config.endpoint());
    } catch (RuntimeException e) {
      throw S3Errors.translate(e, config.bucket(), config.endpoint());
    }
  }

  @Override
  public Optional<RemoteObject> find(String key) throws UploadException {
    StatObjectResponse stat;
    try {
      stat =
          await(
              client.statObject(
                  StatObjectArgs.builder().bucket(config.bucket()).object(key).build()));
    } catch (UploadException e) {
      if (isMissing(e)) return Optional.empty();
      if (e.reason() == UploadException.Reason.ACCESS_DENIED
          || e.reason() == UploadException.Reason.NO_SUCH_BUCKET) throw preciseError(e);
      throw e;
    }
    String etag = etag(stat.etag());
    String sha = null;
    Http.Headers meta = stat.userMetadata();
    if (meta != null) sha = meta.getFirst(SHA256_KEY);
    if (sha == null && !Boolean.FALSE.equals(taggingSupported)) {
      try {
        Tags tags =
            await(
                client.getObjectTags(
                    GetObjectTagsArgs.builder().bucket(config.bucket()).object(key).build()));
        sha = tags.get().get(SHA256_KEY);
        taggingSupported = true;
      } catch (UploadException e) {
        noteTaggingUnsupported(e);
      }
    }
    if (sha == null) sha = markers.read(key, stat.size(), etag).orElse(null);
    return Optional.of(new RemoteObject(key, stat.size(), sha, etag));
  }

  @Override
  public List<RemoteObject> list(String prefix) throws UploadException {
    return S3Reads.list(this, prefix);
  }

  @Override
  public java.io.InputStream read(String key, long offset, @Nullable String version)
      throws UploadException {
    return S3Reads.read(this, key, offset, version);
  }

  static boolean isMissing(UploadException e) {
    return e.reason() == UploadException.Reason.NOT_FOUND;
  }

  /** An ETag as servers quote it or not, compared without the quotes. */
  static @Nullable String etag(@Nullable String raw) {
    if (raw == null || raw.isEmpty()) return null;
    return raw.startsWith("\"") && raw.endsWith("\"") && raw.length() > 1
        ? raw.substring(1, raw.length() - 1)
        : raw;
  }

  /** The header that makes a write succeed only while nothing is stored under the key. */
  Http.Headers ifKeyFree() {
    Http.Headers h = new Http.Headers();
    if (conditionalWrites) h.put("If-None-Match", "*");
    return h;
  }

  @Override
  public boolean refusesTakenKeys() {
    return conditionalWrites && conditionalCheck.refusesTakenKeys();
  }

  /** The probe wrote twice under one key though asked not to: conditional writes mean nothing. */
  void conditionalWritesIgnored() {
    conditionalWrites = false;
  }

  boolean conditionalWrites() {
    return conditionalWrites;
  }

  /**
   * A conditional write was refused. When the key is really taken, that is a lost race. A server
   * that refuses the condition itself (the key is free, or it does not implement it) gets plain
   * writes from now on, checked after each write instead; the write is tried again.
   */
  UploadException checkRefusedCondition(UploadException e, boolean conditional, String key)
      throws UploadException {
    if (!conditional) return e;
    boolean refused =
        e.kind() == UploadException.Kind.KEY_TAKEN
            || e.reason() == UploadException.Reason.NOT_IMPLEMENTED;
    if (!refused || (e.kind() == UploadException.Kind.KEY_TAKEN && find(key).isPresent())) return e;
    log.warn(
        "This server refuses conditional writes ({}); names are checked before and after each upload instead",
        e.code());
    conditionalWrites = false;
    return UploadException.retryable(
        "The server refused a safety check; the upload is tried again without it.",
        "ConditionalWriteRefused",
        e);
  }

  /**
   * A HEAD answer has no body, so a wrong secret, an unknown key and a missing bucket can all look
   * alike. A GET on the bucket carries the server's real error code.
   */
  private UploadException preciseError(UploadException fromHead) {
    try {
      await(
          client.listObjectsV2(
              ListObjectsV2Args.builder().bucket(config.bucket()).maxKeys(1).build()));
      return fromHead;
    } catch (UploadException precise) {
      return precise;
    }
  }

  private void noteTaggingUnsupported(UploadException e) {
    if (e.reason() == UploadException.Reason.NOT_IMPLEMENTED) {
      if (taggingSupported == null) {
        log.info(
            "This server does not support object tags; the SHA-256 of multipart uploads is kept in their marker objects");
      }
      taggingSupported = false;
    } else {
      log.warn("Reading object tags failed: {}", e.getMessage());
    }
  }

  /**
   * Keeps the SHA-256 as an object tag where the server has tags. A server without tags, or a user
   * not allowed to set them, leaves the hash to the marker object; a server that answers that the
   * object is not there (NoSuchKey) makes this return false: the object just written is gone.
   * Network trouble is thrown, to be tried again.
   */
  boolean tag(String key, String sha256Hex) throws UploadException {
    if (Boolean.FALSE.equals(taggingSupported)) return true;
    try {
      await(
          client.setObjectTags(
              SetObjectTagsArgs.builder()
                  .bucket(config.bucket())
                  .object(key)
                  .tags(Map.of(SHA256_KEY, sha256Hex))
                  .build()));
      taggingSupported = true;
      return true;
    } catch (UploadException e) {
      if (isMissing(e)) return false;
      if (e.isRetryable()) throw e;
      noteTaggingUnsupported(e);
      return true;
    }
  }

  /** Size and ETag of the object under {@code key} (a plain HEAD), if there is one. */
  Optional<RemoteObject> head(String key) throws UploadException {
    try {
      StatObjectResponse stat =
          await(
              client.statObject(
                  StatObjectArgs.builder().bucket(config.bucket()).object(key).build()));
      return Optional.of(new RemoteObject(key, stat.size(), null, etag(stat.etag())));
    } catch (UploadException e) {
      if (isMissing(e)) return Optional.empty();
      throw e;
    }
  }

  @Override
  public TransferSession open(UploadPlan plan, @Nullable String priorUploadId)
      throws UploadException {
    if (plan.singleRequest()) return new S3Session(this, plan, null);
    if (priorUploadId != null) {
      S3Session s = new S3Session(this, plan, priorUploadId);
      s.confirmedParts(); // NoSuchUpload surfaces here as UPLOAD_GONE
      return s;
    }
    // parts carry a CRC32C the server checks, as AWS's own SDKs send by default: a second SHA-256
    // of every byte (beside the file's) would cost this computer and the server far more CPU
    Http.Headers headers = metadataHeaders(plan.metadata());
    headers.put("X-Amz-Checksum-Algorithm", "CRC32C");
    headers.put("Content-Type", S3Session.contentType(plan));
    String id =
        await(
                client.createMultipartUpload(
                    CreateMultipartUploadArgs.builder()
                        .bucket(config.bucket())
                        .object(plan.key())
                        .headers(headers)
                        .build()))
            .result()
            .uploadId();
    log.info(
        "Started multipart upload of {} ({} parts of {} bytes)",
        plan.key(),
        plan.partCount(),
        plan.partSize());
    return new S3Session(this, plan, id);
  }

  static Http.Headers metadataHeaders(Map<String, String> metadata) {
    Http.Headers h = new Http.Headers();
    metadata.forEach((k, v) -> h.put(META + k, encode(v)));
    return h;
  }

  /** Header values must be ASCII: names with accents or emoji are percent-encoded. */
  static String encode(String value) {
    boolean ascii = value.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '%');
    return ascii ? value : URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String decode(String value) {
    return value.contains("%")
        ? URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8)
        : value;
  }

  /**
   * Aborts an unfinished upload, unless on this server that would delete the recording stored under
   * the same key (see {@link AbortCheck}): then the upload is left on the server.
   */
  @Override
  public boolean uploadsWhileRecording() {
    return true;
  }

  @Override
  public void abort(String key, String uploadId) throws UploadException {
    abortUnlessItDeletes(key, uploadId);
  }

  /** {@link #abort}; false when the upload was left on the server to spare a stored recording. */
  boolean abortUnlessItDeletes(String key, String uploadId) throws UploadException {
    if (abortCheck.deletesStoredObjects() && head(key).isPresent()) {
      log.warn(
          "Left the unfinished upload {} of {} on the server: this server's abort would also delete the recording stored under that name",
          uploadId,
          key);
      return false;
    }
    abortUpload(key, uploadId);
    return true;
  }

  /** Aborts an unfinished upload whatever is stored under its key. */
  void abortUpload(String key, String uploadId) throws UploadException {
    try {
      await(
          client.abortMultipartUpload(
              AbortMultipartUploadArgs.builder()
                  .bucket(config.bucket())
                  .object(key)
                  .uploadId(uploadId)
                  .build()));
      log.info("Aborted multipart upload of {}", key);
    } catch (UploadException e) {
      if (e.kind() != UploadException.Kind.UPLOAD_GONE) throw e;
    }
  }

  @Override
  public Optional<Leftovers> leftovers(Supplier<Leftovers.Policy> policy) {
    return Optional.of(new S3Leftovers(this, policy.get()));
  }

  /** An unfinished multipart upload as the server lists it; {@code initiator} may be null. */
  public record ServerUpload(
      String key,
      String uploadId,
      java.time.@Nullable Instant initiated,
      @Nullable String initiator) {}

  /**
   * Every unfinished multipart upload in the bucket whose key starts with {@code prefix} ("" for
   * all).
   */
  public List<ServerUpload> unfinishedUploads(String prefix) throws UploadException {
    List<ServerUpload> out = new ArrayList<>();
    String keyMarker = null;
    String idMarker = null;
    while (true) {
      ListMultipartUploadsArgs.Builder args =
          ListMultipartUploadsArgs.builder().bucket(config.bucket()).maxUploads(1000);
      if (prefix != null && !prefix.isEmpty()) args.prefix(prefix);
      if (keyMarker != null) args.keyMarker(keyMarker);
      if (idMarker != null) args.uploadIdMarker(idMarker);
      ListMultipartUploadsResult r = await(client.listMultipartUploads(args.build())).result();
      for (ListMultipartUploadsResult.Upload u : r.uploads()) {
        out.add(
            new ServerUpload(
                u.objectName(),
                u.uploadId(),
                u.initiated() == null ? null : u.initiated().toInstant(),
                u.initiator() == null ? null : u.initiator().id()));
      }
      if (!r.isTruncated() || r.nextKeyMarker() == null) return out;
      keyMarker = r.nextKeyMarker();
      idMarker = r.nextUploadIdMarker();
    }
  }

  /**
   * Who the server says starts this client's uploads, or null when it says nothing. Learned from a
   * probe upload that is aborted at once. MinIO and S3Proxy name one fixed initiator for everybody;
   * AWS names the user, so there it tells access keys apart.
   */
  public @Nullable String ownInitiator() throws UploadException {
    String probe = ".sermon-uploader/connection-test";
    String id =
        await(
                client.createMultipartUpload(
                    CreateMultipartUploadArgs.builder()
                        .bucket(config.bucket())
                        .object(probe)
                        .build()))
            .result()
            .uploadId();
    try {
      ListPartsResponse r =
          await(
              client.listParts(
                  ListPartsArgs.builder()
                      .bucket(config.bucket())
                      .object(probe)
                      .uploadId(id)
                      .maxParts(1)
                      .build()));
      return r.result().initiator() == null ? null : r.result().initiator().id();
    } finally {
      abortUpload(probe, id);
    }
  }

  @Override
  public ConnectionReport check() {
    return new S3ConnectionCheck(this, client, config, checksResume).run();
  }

  /**
   * The same check on a client whose requests give up after {@code limit}, so that a server that
   * accepts connections and never answers, or answers a byte at a time, cannot hold the caller
   * longer than it meant to wait. The whole check is bounded too: a server that answers the first
   * requests and stalls a later one is reported soon after {@code limit}, and its calls are
   * cancelled.
   */
  @Override
  public ConnectionReport check(java.time.Duration limit) {
    return check(limit, true);
  }

  /**
   * Without the test upload that is started, listed and removed to see that uploads can be resumed:
   * four requests that tell a single-request upload nothing its own request would not.
   */
  @Override
  public ConnectionReport checkForSingleRequests(java.time.Duration limit) {
    return check(limit, false);
  }

  private ConnectionReport check(java.time.Duration limit, boolean resume) {
    S3Transfer quick = null;
    try {
      quick = new S3Transfer(config.answeringWithin(limit));
      quick.checksResume = resume;
      return quick.checkWithin(limit);
    } catch (UploadException e) {
      // not reached: this transfer was built from the same address and bucket
      return new ConnectionReport(
          List.of(
              new ConnectionReport.Check(ConnectionReport.Check.Kind.SERVER, false, e.describe())));
    } finally {
      if (quick != null) {
        quick.http.dispatcher().cancelAll();
        quick.close();
      }
    }
  }

  /**
   * The whole check gets a second more than each request, so a request's own deadline names the
   * reason when it can; the bound is for a server that answers some requests and stalls a later
   * one.
   */
  private ConnectionReport checkWithin(java.time.Duration limit) {
    return Transfer.super.check(limit.plusSeconds(1));
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
