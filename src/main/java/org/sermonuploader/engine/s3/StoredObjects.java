package org.sermonuploader.engine.s3;

import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.engine.RemoteObject;
import org.sermonuploader.engine.UploadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The object stored under a key, with the SHA-256 it is known by wherever this server keeps it: in
 * its metadata (a single PUT carries it there), in an object tag, or in its marker object ({@link
 * Sha256Markers}) on a server without tags. Whether the server has tags is learned from its first
 * answer and kept.
 */
final class StoredObjects {
  private static final Logger log = LoggerFactory.getLogger(StoredObjects.class);
  static final String SHA256_KEY = "sha256";

  private final S3Requests requests;
  private final Sha256Markers markers;
  private volatile @Nullable Boolean taggingSupported;

  StoredObjects(S3Requests requests) {
    this.requests = requests;
    this.markers = new Sha256Markers(requests);
  }

  Sha256Markers markers() {
    return markers;
  }

  /** The object under {@code key} with its size, ETag and the SHA-256 it is known by, if any. */
  Optional<RemoteObject> find(String key) throws UploadException {
    S3Answers.ObjectStat stat;
    try {
      stat = requests.stat(key);
    } catch (UploadException e) {
      if (S3Errors.isMissing(e)) return Optional.empty();
      if (e.reason() == UploadException.Reason.ACCESS_DENIED
          || e.reason() == UploadException.Reason.NO_SUCH_BUCKET) throw preciseError(e);
      throw e;
    }
    String etag = stat.etag();
    String sha = stat.metadata().get(SHA256_KEY);
    if (sha == null && !Boolean.FALSE.equals(taggingSupported)) {
      try {
        sha = requests.tags(key).get(SHA256_KEY);
        taggingSupported = true;
      } catch (UploadException e) {
        noteTaggingUnsupported(e);
      }
    }
    if (sha == null) sha = markers.read(key, stat.size(), etag).orElse(null);
    return Optional.of(new RemoteObject(key, stat.size(), sha, etag));
  }

  /**
   * A HEAD answer has no body, so a wrong secret, an unknown key and a missing bucket can all look
   * alike. A GET on the bucket carries the server's real error code.
   */
  private UploadException preciseError(UploadException fromHead) {
    try {
      requests.lookIntoBucket();
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
      requests.setTags(key, Map.of(SHA256_KEY, sha256Hex));
      taggingSupported = true;
      return true;
    } catch (UploadException e) {
      if (S3Errors.isMissing(e)) return false;
      if (e.isRetryable()) throw e;
      noteTaggingUnsupported(e);
      return true;
    }
  }
}
