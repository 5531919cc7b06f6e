package org.sermonuploader.engine.s3;

import io.minio.AbortMultipartUploadArgs;
import io.minio.CompleteMultipartUploadArgs;
import io.minio.CreateMultipartUploadArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.GetObjectTagsArgs;
import io.minio.Http;
import io.minio.ListMultipartUploadsArgs;
import io.minio.ListObjectsV2Args;
import io.minio.ListObjectsV2Response;
import io.minio.ListPartsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.ObjectWriteResponse;
import io.minio.PutObjectAPIArgs;
import io.minio.RemoveObjectArgs;
import io.minio.SetObjectTagsArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.UploadPartArgs;
import io.minio.messages.ListMultipartUploadsResult;
import io.minio.messages.ListPartsResult;
import io.minio.messages.Part;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.engine.FilePart;
import org.sermonuploader.engine.RemoteObject;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.engine.http.HttpClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The S3 requests to one bucket, on minio-java's low-level asynchronous client: one method a
 * request, its failure put in plain words by {@link S3Errors}. What to send and what an answer
 * means for an upload is decided by the classes that call these.
 *
 * <p>Deadlines are {@link HttpClients}'s, shared with tus: the answer's head within the timeout,
 * and a body that stops moving is cut.
 */
final class S3Requests implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(S3Requests.class);
  private static final String CHECKSUM_CRC32C = "X-Amz-Checksum-Crc32c";

  /** How often a part's request looks whether it was stopped: pause acts within this. */
  private static final long STOP_POLL_MILLIS = 100;

  private final S3Config config;
  private final OkHttpClient http;
  private final MinioAsyncClient client;

  S3Requests(S3Config config) throws UploadException {
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

  String bucket() {
    return config.bucket();
  }

  private <T> T await(CompletableFuture<T> future) throws UploadException {
    return await(future, () -> false);
  }

  /**
   * Waits for a request that sends a part; once {@code stop} says so the wait ends, even while the
   * request is stuck writing to a server that reads slowly (the part's stream ends it later).
   */
  private <T> T await(CompletableFuture<T> future, BooleanSupplier stop) throws UploadException {
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

  /** HEAD: size, ETag and user metadata of the object; NOT_FOUND when there is none. */
  StatObjectResponse stat(String key) throws UploadException {
    return await(
        client.statObject(StatObjectArgs.builder().bucket(config.bucket()).object(key).build()));
  }

  /** Size and ETag of the object under {@code key} (a plain HEAD), if there is one. */
  Optional<RemoteObject> head(String key) throws UploadException {
    try {
      StatObjectResponse stat = stat(key);
      return Optional.of(new RemoteObject(key, stat.size(), null, S3Headers.etag(stat.etag())));
    } catch (UploadException e) {
      if (S3Errors.isMissing(e)) return Optional.empty();
      throw e;
    }
  }

  Map<String, String> tags(String key) throws UploadException {
    return await(
            client.getObjectTags(
                GetObjectTagsArgs.builder().bucket(config.bucket()).object(key).build()))
        .get();
  }

  void setTags(String key, Map<String, String> tags) throws UploadException {
    await(
        client.setObjectTags(
            SetObjectTagsArgs.builder().bucket(config.bucket()).object(key).tags(tags).build()));
  }

  /**
   * Lists at most one object: the least a request can ask that shows the bucket is there and may be
   * read. Its error, unlike a HEAD's, carries the server's code.
   */
  void lookIntoBucket() throws UploadException {
    await(
        client.listObjectsV2(
            ListObjectsV2Args.builder().bucket(config.bucket()).maxKeys(1).build()));
  }

  /** A page of up to 1000 objects under {@code prefix} (null for all), from {@code token} on. */
  ListObjectsV2Response listObjects(@Nullable String prefix, @Nullable String token)
      throws UploadException {
    ListObjectsV2Args.Builder args = ListObjectsV2Args.builder().bucket(config.bucket());
    if (prefix != null) args.prefix(prefix);
    args.maxKeys(1000);
    if (token != null) args.continuationToken(token);
    return await(client.listObjectsV2(args.build()));
  }

  /**
   * The object's bytes from {@code offset} on, streamed as the server sends them; with {@code
   * etag}, only while the object still has it.
   */
  GetObjectResponse get(String key, long offset, @Nullable String etag) throws UploadException {
    GetObjectArgs.Builder args = GetObjectArgs.builder().bucket(config.bucket()).object(key);
    if (offset > 0) args.offset(offset);
    if (etag != null) args.matchETag(etag);
    return await(client.getObject(args.build()));
  }

  /** A small object written whole from memory; {@code extra} asks of the request alone. */
  ObjectWriteResponse put(
      String key,
      byte[] body,
      @Nullable String contentType,
      Http.@Nullable Headers headers,
      @Nullable Map<String, String> extra)
      throws UploadException {
    PutObjectAPIArgs.Builder args =
        PutObjectAPIArgs.builder().bucket(config.bucket()).object(key).data(body, body.length);
    if (headers != null) args.headers(headers);
    if (contentType != null) args.contentType(contentType);
    if (extra != null) args.extraHeaders(extra);
    return await(client.putObject(args.build()));
  }

  /**
   * {@link #put} only while nothing is stored under the key ({@code If-None-Match: *}); false when
   * something was. A server that ignores the condition stores it anyway.
   */
  boolean putIfAbsent(String key, byte[] body, String contentType) throws UploadException {
    try {
      put(key, body, contentType, null, Map.of("If-None-Match", "*"));
      return true;
    } catch (UploadException e) {
      if (e.kind() == UploadException.Kind.KEY_TAKEN) return false;
      throw e;
    }
  }

  /** A recording in one PUT, read from its file while sent; returns the object's ETag. */
  @Nullable String putFile(
      String key, FilePart data, Http.Headers headers, Http.Headers extra, String contentType)
      throws UploadException {
    ObjectWriteResponse written =
        await(
            client.putObject(
                PutObjectAPIArgs.builder()
                    .bucket(config.bucket())
                    .object(key)
                    .buffer(new PartBody(data))
                    .headers(headers)
                    .extraHeaders(extra)
                    .contentType(contentType)
                    .build()),
            data::stopped);
    return S3Headers.etag(written.etag());
  }

  void remove(String key) throws UploadException {
    await(
        client.removeObject(
            RemoveObjectArgs.builder().bucket(config.bucket()).object(key).build()));
  }

  void makeBucket() throws UploadException {
    await(client.makeBucket(MakeBucketArgs.builder().bucket(config.bucket()).build()));
  }

  /** Starts a multipart upload; returns its id. */
  String createUpload(String key, Http.@Nullable Headers headers) throws UploadException {
    CreateMultipartUploadArgs.Builder args =
        CreateMultipartUploadArgs.builder().bucket(config.bucket()).object(key);
    if (headers != null) args.headers(headers);
    return await(client.createMultipartUpload(args.build())).result().uploadId();
  }

  /**
   * Sends one part, read from its file while sent, with the CRC32C the server checks it by; returns
   * the part's ETag. The wait ends when the part is stopped.
   */
  String uploadPart(String key, @Nullable String uploadId, int partNumber, FilePart data)
      throws UploadException {
    Http.Headers h = new Http.Headers();
    h.put(CHECKSUM_CRC32C, data.crc32c());
    // the body is covered by its CRC32C; signing it too would take a SHA-256 of every part
    h.put(Http.Headers.X_AMZ_CONTENT_SHA256, "UNSIGNED-PAYLOAD");
    return await(
            client.uploadPart(
                UploadPartArgs.builder()
                    .bucket(config.bucket())
                    .object(key)
                    .uploadId(uploadId)
                    .partNumber(partNumber)
                    .buffer(new PartBody(data))
                    .headers(h)
                    .build()),
            data::stopped)
        .part()
        .etag();
  }

  /** Joins the parts into the object; returns its ETag. */
  @Nullable String complete(String key, @Nullable String uploadId, Part[] parts, Http.Headers extra)
      throws UploadException {
    ObjectWriteResponse written =
        await(
            client.completeMultipartUpload(
                CompleteMultipartUploadArgs.builder()
                    .bucket(config.bucket())
                    .object(key)
                    .uploadId(uploadId)
                    .parts(parts)
                    .extraHeaders(extra)
                    .build()));
    return S3Headers.etag(written.etag());
  }

  /** Aborts an unfinished upload whatever is stored under its key; one already gone is no error. */
  void abort(String key, String uploadId) throws UploadException {
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

  /** A page of at most {@code maxParts} of the upload's parts, after part {@code marker}. */
  ListPartsResult listParts(String key, String uploadId, int maxParts, @Nullable Integer marker)
      throws UploadException {
    ListPartsArgs.Builder args =
        ListPartsArgs.builder()
            .bucket(config.bucket())
            .object(key)
            .uploadId(uploadId)
            .maxParts(maxParts);
    if (marker != null) args.partNumberMarker(marker);
    return await(client.listParts(args.build())).result();
  }

  /** Every part the server holds of the upload: its ETag by part number. */
  Map<Integer, String> parts(String key, String uploadId) throws UploadException {
    Map<Integer, String> out = new TreeMap<>();
    Integer marker = null;
    while (true) {
      ListPartsResult r = listParts(key, uploadId, 1000, marker);
      for (Part p : r.parts()) out.put(p.partNumber(), p.etag());
      if (!r.isTruncated() || r.nextPartNumberMarker() == null) return out;
      marker = r.nextPartNumberMarker();
    }
  }

  /** Lists at most one unfinished upload: whether the server has the request at all. */
  void lookForUnfinishedUploads() throws UploadException {
    await(
        client.listMultipartUploads(
            ListMultipartUploadsArgs.builder().bucket(config.bucket()).maxUploads(1).build()));
  }

  /** Every unfinished multipart upload whose key starts with {@code prefix} ("" for all). */
  List<ServerUpload> unfinishedUploads(String prefix) throws UploadException {
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
