package org.sermonuploader.engine.s3;

import io.minio.AbortMultipartUploadArgs;
import io.minio.CompleteMultipartUploadArgs;
import io.minio.CreateMultipartUploadArgs;
import io.minio.GetObjectTagsArgs;
import io.minio.Http;
import io.minio.ListMultipartUploadsArgs;
import io.minio.ListObjectsV2Args;
import io.minio.ListPartsArgs;
import io.minio.ListPartsResponse;
import io.minio.MinioAsyncClient;
import io.minio.PutObjectAPIArgs;
import io.minio.SetObjectTagsArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.UploadPartArgs;
import io.minio.messages.ListMultipartUploadsResult;
import io.minio.messages.Part;
import io.minio.messages.Tags;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import org.sermonuploader.engine.ConnectionReport;
import org.sermonuploader.engine.FilePart;
import org.sermonuploader.engine.RemoteObject;
import org.sermonuploader.engine.Transfer;
import org.sermonuploader.engine.TransferSession;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.engine.UploadPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Uploads to S3/MinIO with minio-java's low-level multipart calls, resumable part by part. */
public final class S3Transfer implements Transfer {
  private static final Logger log = LoggerFactory.getLogger(S3Transfer.class);
  static final String SHA256_KEY = "sha256";
  private static final String META = "X-Amz-Meta-";
  private static final String CHECKSUM_CRC32C = "X-Amz-Checksum-Crc32c";

  private final S3Config config;
  private final OkHttpClient http;
  private final MinioAsyncClient client;
  private volatile Boolean taggingSupported;

  public S3Transfer(S3Config config) throws UploadException {
    this.config = config;
    OkHttpClient.Builder b =
        new OkHttpClient.Builder()
            .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(config.ioTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .writeTimeout(config.ioTimeout().toMillis(), TimeUnit.MILLISECONDS)
            // the engine retries with its own backoff and knows which requests are safe to repeat
            .retryOnConnectionFailure(false)
            .protocols(List.of(okhttp3.Protocol.HTTP_1_1));
    if (config.caFile() != null) trustAlso(b, config);
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

  private static void trustAlso(OkHttpClient.Builder b, S3Config config) throws UploadException {
    try (InputStream in = Files.newInputStream(config.caFile())) {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        ks.setCertificateEntry("ca" + i++, c);
      }
      if (i == 0)
        throw new java.security.cert.CertificateException("no certificate in " + config.caFile());
      TrustManagerFactory custom =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      custom.init(ks);
      TrustManagerFactory system =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      system.init((KeyStore) null);
      X509TrustManager mine = (X509TrustManager) custom.getTrustManagers()[0];
      X509TrustManager theirs = (X509TrustManager) system.getTrustManagers()[0];
      X509TrustManager both =
          new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException {
              theirs.checkClientTrusted(chain, authType);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException {
              try {
                mine.checkServerTrusted(chain, authType);
              } catch (java.security.cert.CertificateException e) {
                theirs.checkServerTrusted(chain, authType);
                return;
              }
              // a certificate that is its own trust anchor is not date-checked by the JDK: check it
              // here
              for (X509Certificate c : chain) c.checkValidity();
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
              List<X509Certificate> all = new ArrayList<>(List.of(mine.getAcceptedIssuers()));
              all.addAll(List.of(theirs.getAcceptedIssuers()));
              return all.toArray(new X509Certificate[0]);
            }
          };
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {both}, null);
      b.sslSocketFactory(ctx.getSocketFactory(), both);
    } catch (java.nio.file.NoSuchFileException e) {
      throw UploadException.fatal(
          "The CA file " + config.caFile() + " does not exist.", "BadCaFile", e);
    } catch (IOException e) {
      throw UploadException.fatal(
          "The CA file " + config.caFile() + " can't be read.", "BadCaFile", e);
    } catch (java.security.GeneralSecurityException e) {
      throw UploadException.fatal(
          "The CA file " + config.caFile() + " does not hold a certificate in PEM form.",
          "BadCaFile",
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

  <T> T await(CompletableFuture<T> future) throws UploadException {
    try {
      return future.get();
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
      if ("NoSuchKey".equals(e.code())
          || "NotFound".equals(e.code())
          || "NoSuchObject".equals(e.code())) {
        return Optional.empty();
      }
      if ("AccessDenied".equals(e.code()) || "NoSuchBucket".equals(e.code())) throw preciseError(e);
      throw e;
    }
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
    return Optional.of(new RemoteObject(key, stat.size(), sha));
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
    if ("NotImplemented".equals(e.code())) {
      if (taggingSupported == null) {
        log.info(
            "This server does not support object tags; the SHA-256 of multipart uploads is kept in the app's history only");
      }
      taggingSupported = false;
    } else {
      log.warn("Reading object tags failed: {}", e.getMessage());
    }
  }

  @Override
  public TransferSession open(UploadPlan plan, String priorUploadId) throws UploadException {
    if (plan.singleRequest()) return new Session(plan, null);
    if (priorUploadId != null) {
      Session s = new Session(plan, priorUploadId);
      s.confirmedParts(); // NoSuchUpload surfaces here as UPLOAD_GONE
      return s;
    }
    // parts carry a CRC32C the server checks, as AWS's own SDKs send by default: a second SHA-256
    // of every byte (beside the file's) would cost this computer and the server far more CPU
    Http.Headers headers = metadataHeaders(plan.metadata());
    headers.put("X-Amz-Checksum-Algorithm", "CRC32C");
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
    return new Session(plan, id);
  }

  private static Http.Headers metadataHeaders(Map<String, String> metadata) {
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

  @Override
  public void abort(String key, String uploadId) throws UploadException {
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

  /** An unfinished multipart upload as the server lists it; {@code initiator} may be null. */
  public record ServerUpload(
      String key, String uploadId, java.time.Instant initiated, String initiator) {}

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
  public String ownInitiator() throws UploadException {
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
      abort(probe, id);
    }
  }

  @Override
  public ConnectionReport check() {
    return new S3ConnectionCheck(this, client, config).run();
  }

  /**
   * The same check on a client whose requests give up after {@code limit}, so that a server that
   * accepts connections and never answers cannot hold the caller longer than it meant to wait.
   */
  @Override
  public ConnectionReport check(java.time.Duration limit) {
    try (S3Transfer quick = new S3Transfer(config.answeringWithin(limit))) {
      return quick.check();
    } catch (UploadException e) {
      // not reached: this transfer was built from the same address and bucket
      return new ConnectionReport(
          List.of(new ConnectionReport.Check("server", false, e.describe())));
    }
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  private final class Session implements TransferSession {
    private final UploadPlan plan;
    private final String uploadId;

    Session(UploadPlan plan, String uploadId) {
      this.plan = plan;
      this.uploadId = uploadId;
    }

    @Override
    public String uploadId() {
      return uploadId == null ? "" : uploadId;
    }

    @Override
    public boolean parallel() {
      return true;
    }

    @Override
    public Map<Integer, String> confirmedParts() throws UploadException {
      Map<Integer, String> out = new TreeMap<>();
      if (uploadId == null) return out;
      Integer marker = null;
      while (true) {
        ListPartsArgs.Builder args =
            ListPartsArgs.builder()
                .bucket(config.bucket())
                .object(plan.key())
                .uploadId(uploadId)
                .maxParts(1000);
        if (marker != null) args.partNumberMarker(marker);
        ListPartsResponse r = await(client.listParts(args.build()));
        for (Part p : r.result().parts()) out.put(p.partNumber(), p.etag());
        if (!r.result().isTruncated() || r.result().nextPartNumberMarker() == null) return out;
        marker = r.result().nextPartNumberMarker();
      }
    }

    @Override
    public String sendPart(int partNumber, long offset, FilePart data) throws UploadException {
      Http.Headers h = new Http.Headers();
      h.put(CHECKSUM_CRC32C, data.crc32c());
      // the body is covered by its CRC32C; signing it too would take a SHA-256 of every part
      h.put(Http.Headers.X_AMZ_CONTENT_SHA256, "UNSIGNED-PAYLOAD");
      return await(
              client.uploadPart(
                  UploadPartArgs.builder()
                      .bucket(config.bucket())
                      .object(plan.key())
                      .uploadId(uploadId)
                      .partNumber(partNumber)
                      .buffer(new PartBody(data))
                      .headers(h)
                      .build()))
          .part()
          .etag();
    }

    @Override
    public RemoteObject sendWhole(FilePart data, String sha256Base64, String sha256Hex)
        throws UploadException {
      Http.Headers h = metadataHeaders(plan.metadata());
      h.put(META + SHA256_KEY, sha256Hex);
      h.put(Http.Headers.X_AMZ_CONTENT_SHA256, sha256Hex);
      await(
          client.putObject(
              PutObjectAPIArgs.builder()
                  .bucket(config.bucket())
                  .object(plan.key())
                  .buffer(new PartBody(data))
                  .headers(h)
                  .contentType(contentType(plan.key()))
                  .build()));
      return new RemoteObject(plan.key(), data.length(), sha256Hex);
    }

    @Override
    public RemoteObject complete(List<SentPart> parts, String sha256Hex) throws UploadException {
      Part[] list =
          parts.stream()
              .map(p -> new Part(p.number(), p.etag(), null, p.crc32c(), null, null, null))
              .toArray(Part[]::new);
      await(
          client.completeMultipartUpload(
              CompleteMultipartUploadArgs.builder()
                  .bucket(config.bucket())
                  .object(plan.key())
                  .uploadId(uploadId)
                  .parts(list)
                  .build()));
      tag(sha256Hex);
      Optional<RemoteObject> stored = find(plan.key());
      if (stored.isEmpty()) {
        throw UploadException.retryable(
            "The server did not show the finished file yet.", "NotVisible", null);
      }
      return new RemoteObject(plan.key(), stored.get().size(), sha256Hex);
    }

    private void tag(String sha256Hex) {
      if (Boolean.FALSE.equals(taggingSupported)) return;
      try {
        await(
            client.setObjectTags(
                SetObjectTagsArgs.builder()
                    .bucket(config.bucket())
                    .object(plan.key())
                    .tags(Map.of(SHA256_KEY, sha256Hex))
                    .build()));
        taggingSupported = true;
      } catch (UploadException e) {
        noteTaggingUnsupported(e);
      }
    }

    @Override
    public void abort() throws UploadException {
      if (uploadId != null) S3Transfer.this.abort(plan.key(), uploadId);
    }
  }

  static String contentType(String key) {
    String k = key.toLowerCase(java.util.Locale.ROOT);
    if (k.endsWith(".mp3")) return "audio/mpeg";
    if (k.endsWith(".wav")) return "audio/wav";
    if (k.endsWith(".m4a") || k.endsWith(".aac")) return "audio/mp4";
    if (k.endsWith(".flac")) return "audio/flac";
    if (k.endsWith(".ogg") || k.endsWith(".opus")) return "audio/ogg";
    if (k.endsWith(".mp4") || k.endsWith(".m4v")) return "video/mp4";
    if (k.endsWith(".mov")) return "video/quicktime";
    if (k.endsWith(".mkv")) return "video/x-matroska";
    return "application/octet-stream";
  }
}
