package org.sermonuploader.engine.tus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.engine.UploadPlan;

/**
 * The companion upload that carries a recording's SHA-256 (known only after its last byte was read,
 * long after its Upload-Metadata was sent): a sha256sum line for the file, with the hash and the
 * recording's upload URL in its own Upload-Metadata. Resumable like any upload: its URL is kept in
 * the URL store by the recording's URL.
 */
final class ChecksumFile {
  /** Name suffix of the companion upload, and the prefix of its key in the URL store. */
  static final String SUFFIX = ".sha256";

  static final String FINGERPRINT = "sha256-of:";

  private ChecksumFile() {}

  static void send(
      TusHttp http,
      TusUrlStore store,
      TusServerInfo info,
      UploadPlan plan,
      HttpUrl recording,
      String sha256Hex)
      throws UploadException {
    String name = TusTransfer.fileName(plan);
    byte[] body = (sha256Hex + "  " + name + "\n").getBytes(StandardCharsets.UTF_8);
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("filename", name + SUFFIX);
    meta.put("key", plan.key() + SUFFIX);
    meta.put("sha256", sha256Hex);
    meta.put("sha256-of", recording.toString());
    meta.put("sha256-of-key", plan.key());
    if (plan.metadata().containsKey("station")) meta.put("station", plan.metadata().get("station"));
    String fingerprint = FINGERPRINT + recording;
    try {
      java.net.URL known = store.get(fingerprint);
      RemoteUpload u;
      if (known != null) {
        u = RemoteUpload.at(http, HttpUrl.get(known), body.length);
      } else {
        // created empty even where the first bytes could ride on the POST: a POST answered 500
        // after the server made the upload (@tus/s3-store does) would leave its URL unknown, and
        // the next try would store a second checksum file
        u = RemoteUpload.create(http, body.length, meta, null, 0);
      }
      store.set(fingerprint, u.url.url());
      long at = u.offset();
      if (at < body.length) {
        byte[] rest = Arrays.copyOfRange(body, (int) at, body.length);
        u.append(at, TusHttp.body(rest), rest.length, checksum(info, rest));
      }
      u.confirmComplete();
      store.remove(fingerprint);
    } catch (UploadException e) {
      if (e.kind() != UploadException.Kind.UPLOAD_GONE) throw e;
      // only the checksum file is gone, not the recording: send it again
      store.remove(fingerprint);
      throw UploadException.retryable("The checksum file must be sent again.", e.code(), e);
    }
  }

  private static @Nullable String checksum(TusServerInfo info, byte[] bytes) {
    String algorithm = info.checksumAlgorithm();
    if (algorithm == null) return null;
    MessageDigest d = TusSession.digest(algorithm);
    return algorithm + " " + Base64.getEncoder().encodeToString(d.digest(bytes));
  }
}
