package org.sermonuploader.engine.s3;

import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.engine.UploadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether writes ask the server not to replace a taken key ({@code If-None-Match: *}), and whether
 * this server refuses such a write when the key is taken. Only then may a small recording be
 * written without a look at its name first: the server's refusal is the look. A server that ignored
 * the header would overwrite, so the refusal is seen once, with a probe object of the app's own,
 * before anything relies on it. A server found to ignore or refuse the condition gets plain writes
 * from then on, checked after each write instead.
 */
final class ConditionalWrites {
  private static final Logger log = LoggerFactory.getLogger(ConditionalWrites.class);
  static final String PROBE_PREFIX = ".sermon-uploader/conditional-check/";

  private final S3Requests requests;
  private final StoredObjects objects;
  private volatile @Nullable Boolean refuses;

  /** False once the server refused {@code If-None-Match: *} itself rather than a taken key. */
  private volatile boolean sent = true;

  ConditionalWrites(S3Requests requests, StoredObjects objects) {
    this.requests = requests;
    this.objects = objects;
  }

  /** Whether writes carry the condition now. */
  boolean sent() {
    return sent;
  }

  /** The header that makes a write succeed only while nothing is stored under the key. */
  Map<String, String> ifKeyFree() {
    return sent ? Map.of("If-None-Match", "*") : Map.of();
  }

  /**
   * True while writes carry the condition and a second write to the probe's key was refused; false
   * when not, or not known.
   */
  boolean refusesTakenKeys() {
    if (!sent) return false;
    Boolean known = refuses;
    if (known != null) return known;
    synchronized (this) {
      if (refuses == null) refuses = probe();
      return refuses;
    }
  }

  /**
   * A conditional write was refused. When the key is really taken, that is a lost race. A server
   * that refuses the condition itself (the key is free, or it does not implement it) gets plain
   * writes from now on, checked after each write instead; the write is tried again.
   *
   * @param conditional whether the refused write carried the condition
   */
  UploadException checkRefused(UploadException e, boolean conditional, String key)
      throws UploadException {
    if (!conditional) return e;
    boolean refused =
        e.kind() == UploadException.Kind.KEY_TAKEN
            || e.reason() == UploadException.Reason.NOT_IMPLEMENTED;
    if (!refused || (e.kind() == UploadException.Kind.KEY_TAKEN && objects.find(key).isPresent()))
      return e;
    log.warn(
        "This server refuses conditional writes ({}); names are checked before and after each upload instead",
        e.code());
    sent = false;
    return UploadException.retryable(
        "The server refused a safety check; the upload is tried again without it.",
        "ConditionalWriteRefused",
        e);
  }

  private boolean probe() {
    String key = PROBE_PREFIX + UUID.randomUUID();
    byte[] body = {'x'};
    try {
      requests.put(key, body, "application/octet-stream", null, null);
      boolean refused = !requests.putIfAbsent(key, body, "application/octet-stream");
      if (!refused) {
        log.warn(
            "This server ignores the request not to overwrite (If-None-Match); names are looked"
                + " at before and after each upload instead");
        sent = false;
      }
      try {
        requests.remove(key);
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
