package org.sermonuploader.engine.s3;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.engine.ObjectKeys;
import org.sermonuploader.engine.ReservedKeys;
import org.sermonuploader.engine.UploadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SHA-256 of each stored recording, kept in a small object of its own so that any station can
 * tell "already uploaded" from the bucket alone: multipart objects carry no hash in their metadata,
 * and not every server keeps object tags.
 *
 * <p>The marker of key {@code K} is {@code .sermon-uploader/sha256/K} at the top of the bucket (a
 * function of the key alone, whatever prefix a station uses), content type {@code text/plain}, its
 * body the 64 lowercase hex digits and a newline, its metadata {@code object-size} and {@code
 * object-etag} of the object it describes. A marker counts only while both still match the object:
 * a recording replaced or deleted by other means leaves a marker that no longer applies.
 */
final class Sha256Markers {
  private static final Logger log = LoggerFactory.getLogger(Sha256Markers.class);
  static final String PREFIX = ReservedKeys.PREFIX + "sha256/";
  static final String CONTENT_TYPE = "text/plain";
  private static final String SIZE = "object-size";
  private static final String ETAG = "object-etag";
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  private final S3Requests requests;

  Sha256Markers(S3Requests requests) {
    this.requests = requests;
  }

  /** The marker's key, or null when it would be longer than a key may be. */
  static @Nullable String keyFor(String objectKey) {
    String key = PREFIX + objectKey;
    return key.getBytes(StandardCharsets.UTF_8).length > ObjectKeys.MAX_KEY_BYTES ? null : key;
  }

  /**
   * Records the hash of the object under {@code objectKey}. Best effort where the server refuses
   * it: the upload is stored whether or not this works; without it, only this station's history
   * knows the hash. A write left without an answer (a timeout, a broken connection) is thrown to be
   * tried again: it may still land later, and the look that confirms the upload must come after the
   * app's last write.
   */
  void write(String objectKey, String sha256Hex, long size, @Nullable String etag)
      throws UploadException {
    String key = keyFor(objectKey);
    if (key == null) {
      log.warn("{}: the key is too long for its SHA-256 marker; none is written", objectKey);
      return;
    }
    byte[] body =
        (sha256Hex.toLowerCase(java.util.Locale.ROOT) + "\n").getBytes(StandardCharsets.US_ASCII);
    Map<String, String> h = new LinkedHashMap<>();
    h.put(S3Headers.META + SIZE, Long.toString(size));
    if (etag != null) h.put(S3Headers.META + ETAG, etag);
    try {
      requests.put(key, body, CONTENT_TYPE, h, null);
    } catch (UploadException e) {
      if (e.isRetryable() && !S3Errors.serverAnswered(e)) throw e;
      log.warn("{}: its SHA-256 marker could not be written: {}", objectKey, e.describe());
    }
  }

  /** The hash the marker holds for the object of this size and ETag; empty when none applies. */
  Optional<String> read(String objectKey, long size, @Nullable String etag) throws UploadException {
    String key = keyFor(objectKey);
    if (key == null) return Optional.empty();
    try (ObjectStream r = requests.get(key, 0, null)) {
      String markerSize = r.headers().get("x-amz-meta-" + SIZE);
      String markerEtag = r.headers().get("x-amz-meta-" + ETAG);
      if (!Long.toString(size).equals(markerSize) || !Objects.equals(etag, markerEtag)) {
        log.info("{}: its SHA-256 marker belongs to an earlier object; it is ignored", objectKey);
        return Optional.empty();
      }
      String body = new String(r.readNBytes(128), StandardCharsets.US_ASCII).trim();
      return HEX.matcher(body).matches() ? Optional.of(body) : Optional.empty();
    } catch (UploadException e) {
      if (S3Errors.isMissing(e)) return Optional.empty();
      if (e.reason() == UploadException.Reason.ACCESS_DENIED) {
        log.warn("{}: reading its SHA-256 marker is not allowed", objectKey);
        return Optional.empty();
      }
      throw e;
    } catch (IOException e) {
      throw UploadException.retryable("The connection to the server broke.", "Network", e)
          .because(UploadException.Reason.NETWORK);
    }
  }
}
