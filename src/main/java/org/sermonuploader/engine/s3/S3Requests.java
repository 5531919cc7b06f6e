package org.sermonuploader.engine.s3;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import okhttp3.Headers;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.engine.FilePart;
import org.sermonuploader.engine.RemoteObject;
import org.sermonuploader.engine.TransferSession;
import org.sermonuploader.engine.UploadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The S3 requests to one bucket: one method a request, its failure put in plain words by {@link
 * S3Errors}. What to send and what an answer means for an upload is decided by the classes that
 * call these; how a request is signed and sent is {@link S3Http}'s.
 */
final class S3Requests implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(S3Requests.class);
  private static final String META_PREFIX = "x-amz-meta-";
  private static final String XML = "application/xml";

  private final S3Config config;
  private final S3Http http;

  S3Requests(S3Config config) throws UploadException {
    this.config = config;
    this.http = new S3Http(config);
  }

  /** HEAD: size, ETag and user metadata of the object; NOT_FOUND when there is none. */
  S3Answers.ObjectStat stat(String key) throws UploadException {
    return http.call(
        new S3Http.Req("HEAD", key),
        r -> {
          Map<String, String> meta = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
          Headers h = r.headers();
          for (int i = 0; i < h.size(); i++) {
            String name = h.name(i);
            if (name.regionMatches(true, 0, META_PREFIX, 0, META_PREFIX.length()))
              meta.putIfAbsent(name.substring(META_PREFIX.length()), h.value(i));
          }
          return new S3Answers.ObjectStat(length(h), S3Headers.etag(h.get("ETag")), meta);
        });
  }

  private static long length(Headers h) {
    String length = h.get("Content-Length");
    try {
      return length == null ? 0 : Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Size and ETag of the object under {@code key} (a plain HEAD), if there is one. */
  Optional<RemoteObject> head(String key) throws UploadException {
    try {
      S3Answers.ObjectStat stat = stat(key);
      return Optional.of(new RemoteObject(key, stat.size(), null, stat.etag()));
    } catch (UploadException e) {
      if (S3Errors.isMissing(e)) return Optional.empty();
      throw e;
    }
  }

  Map<String, String> tags(String key) throws UploadException {
    return http.call(
        new S3Http.Req("GET", key).query("tagging", ""), r -> S3Xml.tags(r.body().byteStream()));
  }

  void setTags(String key, Map<String, String> tags) throws UploadException {
    http.call(xml(new S3Http.Req("PUT", key).query("tagging", ""), S3Xml.tagging(tags)), r -> r);
  }

  /** An XML body, with the MD5 some servers ask of such requests. */
  private static S3Http.Req xml(S3Http.Req req, byte[] body) {
    return req.body(body)
        .header("Content-Type", XML)
        .header("Content-MD5", Base64.getEncoder().encodeToString(md5(body)));
  }

  private static byte[] md5(byte[] body) {
    try {
      return MessageDigest.getInstance("MD5").digest(body);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is missing from this Java", e);
    }
  }

  /**
   * Lists at most one object: the least a request can ask that shows the bucket is there and may be
   * read. Its error, unlike a HEAD's, carries the server's code.
   */
  void lookIntoBucket() throws UploadException {
    http.call(listing(null, null, 1), r -> r);
  }

  /** A page of up to 1000 objects under {@code prefix} (null for all), from {@code token} on. */
  S3Answers.ListingPage listObjects(@Nullable String prefix, @Nullable String token)
      throws UploadException {
    return http.call(
        listing(prefix, token, 1000), r -> S3Xml.listing(r.body().byteStream(), date(r.headers())));
  }

  private static S3Http.Req listing(@Nullable String prefix, @Nullable String token, int max) {
    S3Http.Req req =
        new S3Http.Req("GET", null)
            .query("list-type", "2")
            .query("delimiter", "")
            .query("max-keys", Integer.toString(max))
            .query("prefix", prefix == null ? "" : prefix);
    if (token != null) req.query("continuation-token", token);
    return req;
  }

  static @Nullable Instant date(Headers headers) {
    Date d = headers.getDate("Date");
    return d == null ? null : d.toInstant();
  }

  /**
   * The object's bytes from {@code offset} on, streamed as the server sends them; with {@code
   * etag}, only while the object still has it.
   */
  ObjectStream get(String key, long offset, @Nullable String etag) throws UploadException {
    S3Http.Req req = new S3Http.Req("GET", key);
    if (offset > 0) req.header("Range", "bytes=" + offset + "-");
    if (etag != null) req.header("If-Match", etag);
    return new ObjectStream(http.open(req));
  }

  /**
   * A small object written whole from memory; {@code extra} asks of the request alone. Returns the
   * answer's headers.
   */
  Headers put(
      String key,
      byte[] body,
      @Nullable String contentType,
      @Nullable Map<String, String> headers,
      @Nullable Map<String, String> extra)
      throws UploadException {
    S3Http.Req req = new S3Http.Req("PUT", key).body(body);
    if (headers != null) req.headers.putAll(headers);
    if (extra != null) req.headers.putAll(extra);
    req.header("Content-Type", contentType == null ? "application/octet-stream" : contentType);
    checksummed(req, req.payloadHash);
    return http.call(req, Response::headers);
  }

  /** Asks the server to check the body's SHA-256 itself before it stores the object. */
  private static void checksummed(S3Http.Req req, String sha256Hex) {
    req.header(
        "X-Amz-Checksum-Sha256",
        Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256Hex)));
    req.header("X-Amz-Sdk-Checksum-Algorithm", "SHA256");
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

  /**
   * A recording in one PUT, read from its file while sent and signed by the file's SHA-256; returns
   * the object's ETag. The wait ends when the upload is stopped.
   */
  @Nullable String putFile(
      String key,
      FilePart data,
      Map<String, String> headers,
      Map<String, String> extra,
      String contentType,
      String sha256Hex)
      throws UploadException {
    S3Http.Req req = new S3Http.Req("PUT", key);
    req.headers.putAll(headers);
    req.headers.putAll(extra);
    req.header("Content-Type", contentType);
    req.body = new PartBody(data);
    req.payloadHash = sha256Hex.toLowerCase(Locale.ROOT);
    checksummed(req, req.payloadHash);
    return http.callStoppable(
            req, data::stopped, r -> Optional.ofNullable(S3Headers.etag(r.header("ETag"))))
        .orElse(null);
  }

  void remove(String key) throws UploadException {
    http.call(new S3Http.Req("DELETE", key), r -> r);
  }

  void makeBucket() throws UploadException {
    S3Http.Req req = new S3Http.Req("PUT", null);
    String region = config.region();
    if (region != null && !region.isBlank() && !region.equals("us-east-1")) {
      String body =
          "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
              + "<LocationConstraint>"
              + region
              + "</LocationConstraint></CreateBucketConfiguration>";
      xml(req, body.getBytes(StandardCharsets.UTF_8));
    }
    http.call(req, r -> r);
  }

  /** Starts a multipart upload; returns its id. */
  String createUpload(String key, @Nullable Map<String, String> headers) throws UploadException {
    S3Http.Req req = new S3Http.Req("POST", key).query("uploads", "");
    if (headers != null) req.headers.putAll(headers);
    return http.call(req, r -> S3Xml.uploadId(r.body().byteStream()));
  }

  /**
   * Sends one part, read from its file while sent, with the CRC32C the server checks it by; returns
   * the part's ETag. The wait ends when the part is stopped.
   */
  String uploadPart(String key, @Nullable String uploadId, int partNumber, FilePart data)
      throws UploadException {
    S3Http.Req req =
        new S3Http.Req("PUT", key)
            .query("partNumber", Integer.toString(partNumber))
            .query("uploadId", String.valueOf(uploadId))
            .header("X-Amz-Checksum-Crc32c", data.crc32c());
    req.body = new PartBody(data);
    // the body is covered by its CRC32C; signing it too would take a SHA-256 of every part
    req.payloadHash = SigV4.UNSIGNED_PAYLOAD;
    return http.callStoppable(
        req,
        data::stopped,
        r -> {
          String etag = r.header("ETag");
          if (etag == null) {
            throw new S3Failure(
                S3Failure.Kind.NOT_UNDERSTOOD, r.code(), null, "no ETag for the part", key, null);
          }
          return etag.replace("\"", "");
        });
  }

  /**
   * Joins the parts into the object; returns its ETag. An answer of status 200 may still carry an
   * error: the server can fail while it joins the parts.
   */
  @Nullable String complete(
      String key,
      @Nullable String uploadId,
      List<TransferSession.SentPart> parts,
      Map<String, String> extra)
      throws UploadException {
    S3Http.Req req =
        xml(
            new S3Http.Req("POST", key).query("uploadId", String.valueOf(uploadId)),
            S3Xml.complete(parts));
    req.headers.putAll(extra);
    return http.call(
            req,
            r -> {
              byte[] body = r.body().bytes();
              if ("Error".equals(S3Xml.rootName(body))) {
                S3Answers.ErrorAnswer a = S3Xml.error(body);
                throw new S3Failure(
                    S3Failure.Kind.ERROR,
                    r.code(),
                    a.code(),
                    a.message(),
                    a.resource(),
                    a.requestId());
              }
              return Optional.ofNullable(S3Xml.completedEtag(body));
            })
        .orElse(null);
  }

  /** Aborts an unfinished upload whatever is stored under its key; one already gone is no error. */
  void abort(String key, String uploadId) throws UploadException {
    try {
      http.call(new S3Http.Req("DELETE", key).query("uploadId", uploadId), r -> r);
      log.info("Aborted multipart upload of {}", key);
    } catch (UploadException e) {
      if (e.kind() != UploadException.Kind.UPLOAD_GONE) throw e;
    }
  }

  /** A page of at most {@code maxParts} of the upload's parts, after part {@code marker}. */
  S3Answers.PartsPage listParts(String key, String uploadId, int maxParts, @Nullable Integer marker)
      throws UploadException {
    S3Http.Req req =
        new S3Http.Req("GET", key)
            .query("uploadId", uploadId)
            .query("max-parts", Integer.toString(maxParts));
    if (marker != null) req.query("part-number-marker", marker.toString());
    return http.call(req, r -> S3Xml.parts(r.body().byteStream()));
  }

  /** Every part the server holds of the upload: its ETag by part number. */
  Map<Integer, String> parts(String key, String uploadId) throws UploadException {
    Map<Integer, String> out = new TreeMap<>();
    Integer marker = null;
    while (true) {
      S3Answers.PartsPage page = listParts(key, uploadId, 1000, marker);
      out.putAll(page.etags());
      if (page.nextMarker() == null) return out;
      marker = page.nextMarker();
    }
  }

  /** Lists at most one unfinished upload: whether the server has the request at all. */
  void lookForUnfinishedUploads() throws UploadException {
    http.call(uploads("", 1), r -> r);
  }

  private static S3Http.Req uploads(String prefix, int max) {
    return new S3Http.Req("GET", null)
        .query("uploads", "")
        .query("delimiter", "")
        .query("max-uploads", Integer.toString(max))
        .query("prefix", prefix);
  }

  /** Every unfinished multipart upload whose key starts with {@code prefix} ("" for all). */
  List<ServerUpload> unfinishedUploads(@Nullable String prefix) throws UploadException {
    List<ServerUpload> out = new ArrayList<>();
    String keyMarker = null;
    String idMarker = null;
    while (true) {
      S3Http.Req req = uploads(prefix == null ? "" : prefix, 1000);
      if (keyMarker != null) req.query("key-marker", keyMarker);
      if (idMarker != null) req.query("upload-id-marker", idMarker);
      S3Answers.UploadsPage page = http.call(req, r -> S3Xml.uploads(r.body().byteStream()));
      out.addAll(page.uploads());
      if (page.nextKeyMarker() == null) return out;
      keyMarker = page.nextKeyMarker();
      idMarker = page.nextIdMarker();
    }
  }

  /** Ends every request under way, as a check that ran out of time does. */
  void cancelAll() {
    http.cancelAll();
  }

  @Override
  public void close() {
    http.close();
  }
}
