package org.sermonuploader.engine.s3;

import io.minio.CreateMultipartUploadArgs;
import io.minio.PutObjectAPIArgs;
import io.minio.RemoveObjectArgs;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.engine.UploadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether aborting an unfinished multipart upload on this server also deletes the finished object
 * stored under the same key. AWS S3, MinIO and S3Proxy leave it; Adobe S3Mock 5.2.0 deletes it, so
 * a station that lost the race for a name and aborts its own upload would remove the winner's
 * recording. Found out once, on the first abort, with a probe object of the app's own.
 */
final class AbortCheck {
  private static final Logger log = LoggerFactory.getLogger(AbortCheck.class);
  static final String PROBE_PREFIX = ".sermon-uploader/abort-check/";

  private final S3Transfer s3;
  private volatile @Nullable Boolean deletes;

  AbortCheck(S3Transfer s3) {
    this.s3 = s3;
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
      s3.await(
          s3.client()
              .putObject(
                  PutObjectAPIArgs.builder()
                      .bucket(s3.bucket())
                      .object(key)
                      .data(body, body.length)
                      .build()));
      String id =
          s3.await(
                  s3.client()
                      .createMultipartUpload(
                          CreateMultipartUploadArgs.builder()
                              .bucket(s3.bucket())
                              .object(key)
                              .build()))
              .result()
              .uploadId();
      s3.abortUpload(key, id);
      boolean gone = s3.head(key).isEmpty();
      if (gone) {
        log.warn(
            "On this server, aborting an unfinished upload deletes the recording stored under the same name."
                + " Such uploads are left on the server when a recording is stored under their name;"
                + " several stations uploading under one name at once are not fully safe here.");
      } else {
        s3.await(
            s3.client()
                .removeObject(RemoveObjectArgs.builder().bucket(s3.bucket()).object(key).build()));
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
