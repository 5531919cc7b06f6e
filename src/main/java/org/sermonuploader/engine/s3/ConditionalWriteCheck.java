package org.sermonuploader.engine.s3;

import io.minio.RemoveObjectArgs;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.engine.UploadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this server refuses a write to a taken key when asked to ({@code If-None-Match: *}). Only
 * then may a small recording be written without a look at its name first: the server's refusal is
 * the look. A server that ignored the header would overwrite, so the refusal is seen once, with a
 * probe object of the app's own, before anything relies on it.
 */
final class ConditionalWriteCheck {
  private static final Logger log = LoggerFactory.getLogger(ConditionalWriteCheck.class);
  static final String PROBE_PREFIX = ".sermon-uploader/conditional-check/";

  private final S3Transfer s3;
  private volatile @Nullable Boolean refuses;

  ConditionalWriteCheck(S3Transfer s3) {
    this.s3 = s3;
  }

  /** True once a second write to the probe's key was refused; false when not, or not known. */
  boolean refusesTakenKeys() {
    Boolean known = refuses;
    if (known != null) return known;
    synchronized (this) {
      if (refuses == null) refuses = probe();
      return refuses;
    }
  }

  private boolean probe() {
    String key = PROBE_PREFIX + UUID.randomUUID();
    byte[] body = {'x'};
    S3AppRecords records = new S3AppRecords(s3);
    try {
      records.put(key, body, "application/octet-stream");
      boolean refused = !records.putIfAbsent(key, body, "application/octet-stream");
      if (!refused) {
        log.warn(
            "This server ignores the request not to overwrite (If-None-Match); names are looked"
                + " at before and after each upload instead");
        s3.conditionalWritesIgnored();
      }
      try {
        s3.await(
            s3.client()
                .removeObject(RemoveObjectArgs.builder().bucket(s3.bucket()).object(key).build()));
      } catch (UploadException e) {
        log.info("Could not remove the probe {}: {}", key, e.describe());
      }
      return refused;
    } catch (UploadException e) {
      log.info(
          "Could not find out whether this server refuses writes to taken names ({}); names are"
              + " looked at before each upload",
          e.describe());
      return false;
    }
  }
}
