package org.sermonuploader.engine.s3;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.engine.UploadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aborts unfinished uploads, unless on this server that would delete the recording stored under the
 * same key. AWS S3, MinIO and S3Proxy leave a finished object when an upload of its key is aborted;
 * Adobe S3Mock 5.2.0 deletes it, so a station that lost the race for a name and aborts its own
 * upload would remove the winner's recording. Which kind of server this is is found out once, on
 * the first abort, with a probe object of the app's own.
 */
final class AbortCheck {
  private static final Logger log = LoggerFactory.getLogger(AbortCheck.class);
  static final String PROBE_PREFIX = ".sermon-uploader/abort-check/";

  private final S3Requests requests;
  private volatile @Nullable Boolean deletes;

  AbortCheck(S3Requests requests) {
    this.requests = requests;
  }

  /**
   * Aborts the upload; false when it was left on the server to spare the recording stored under its
   * key.
   */
  boolean abortUnlessItDeletes(String key, String uploadId) throws UploadException {
    if (deletesStoredObjects() && requests.head(key).isPresent()) {
      log.warn(
          "Left the unfinished upload {} of {} on the server: this server's abort would also delete the recording stored under that name",
          uploadId,
          key);
      return false;
    }
    requests.abort(key, uploadId);
    return true;
  }

  /**
   * True when an abort here deletes a stored object, or when that could not be found out: leaving
   * an unfinished upload costs some space, deleting a recording costs the recording.
   */
  boolean deletesStoredObjects() {
    Boolean known = deletes;
    if (known != null) return known;
    synchronized (this) {
      if (deletes == null) deletes = probe();
      return deletes;
    }
  }

  private boolean probe() {
    String key = PROBE_PREFIX + UUID.randomUUID();
    try {
      byte[] body = {'x'};
      requests.put(key, body, null, null, null);
      requests.abort(key, requests.createUpload(key, null));
      boolean gone = requests.head(key).isEmpty();
      if (gone) {
        log.warn(
            "On this server, aborting an unfinished upload deletes the recording stored under the same name."
                + " Such uploads are left on the server when a recording is stored under their name;"
                + " several stations uploading under one name at once are not fully safe here.");
      } else {
        requests.remove(key);
      }
      return gone;
    } catch (UploadException e) {
      log.warn(
          "Could not find out whether this server's abort deletes stored recordings ({}); unfinished"
              + " uploads under a stored recording's name are left on the server",
          e.describe());
      return true;
    }
  }
}
