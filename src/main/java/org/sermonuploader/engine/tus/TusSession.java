package org.sermonuploader.engine.tus;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.engine.FilePart;
import org.sermonuploader.engine.RemoteObject;
import org.sermonuploader.engine.TransferSession;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.engine.UploadPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file's tus upload. The engine calls it from one thread at a time, parts in file order; each
 * part goes out as one or more writes of at most the payload size, from the offset the server last
 * stated. After any failure the next write is preceded by a HEAD.
 */
final class TusSession implements TransferSession {
  private static final Logger log = LoggerFactory.getLogger(TusSession.class);

  private final TusTransfer transfer;
  private final TusHttp http;
  private final TusUrlStore store;
  private final TusServerInfo info;
  private final UploadPlan plan;
  private final String fingerprint;
  private final int payloadSize;
  private @Nullable RemoteUpload upload;

  TusSession(TusTransfer transfer, TusServerInfo info, UploadPlan plan, String fingerprint) {
    this.transfer = transfer;
    this.http = transfer.http();
    this.store = transfer.urlStore();
    this.info = info;
    this.plan = plan;
    this.fingerprint = fingerprint;
    this.payloadSize = transfer.payloadSize();
  }

  @Override
  public String uploadId() {
    return upload == null ? "" : upload.url.toString();
  }

  @Override
  public boolean parallel() {
    return false;
  }

  /** Picks up the upload the journal names. */
  synchronized void resume(String prior) throws UploadException {
    HttpUrl url = HttpUrl.parse(prior);
    if (url == null) {
      throw new UploadException(
          UploadException.Kind.UPLOAD_GONE,
          "The upload address in the journal is not valid.",
          "TusBadUrl",
          prior,
          null);
    }
    upload = RemoteUpload.at(http, url, plan.size());
    try {
      upload.offset();
    } catch (UploadException e) {
      if (e.kind() == UploadException.Kind.UPLOAD_GONE) store.removeUrl(prior);
      upload = null;
      throw e;
    }
    store.set(fingerprint, url.url());
    log.info(
        "Continuing the tus upload of {}: the server holds {} of {} bytes",
        plan.key(),
        upload.offset(),
        plan.size());
  }

  /**
   * Continues an upload this computer started for the same file version, else creates one; {@code
   * first} (may be null) rides on the creation where the server offers creation-with-upload.
   */
  synchronized void resumeOrCreate(Map<String, String> metadata, @Nullable FilePart first)
      throws UploadException {
    java.net.URL known = store.get(fingerprint);
    HttpUrl url = known == null ? null : HttpUrl.get(known);
    if (url != null) {
      upload = RemoteUpload.at(http, url, plan.size());
      try {
        log.info(
            "Continuing an earlier tus upload of {} found by its fingerprint: the server holds {} of"
                + " {} bytes",
            plan.key(),
            upload.offset(),
            plan.size());
        return;
      } catch (UploadException e) {
        upload = null;
        if (e.kind() != UploadException.Kind.UPLOAD_GONE) throw e;
        log.info(
            "The server no longer has the earlier upload of {}; starting a new one", plan.key());
        store.remove(fingerprint);
      }
    }
    if (first != null && info.supports("creation-with-upload")) {
      long n = Math.min(payloadSize, first.length());
      upload = RemoteUpload.create(http, plan.size(), metadata, TusHttp.body(first, 0, n), n);
    } else {
      upload = RemoteUpload.create(http, plan.size(), metadata, null, 0);
    }
    store.set(fingerprint, upload.url.url());
    log.info("Started a tus upload of {} ({} bytes) at {}", plan.key(), plan.size(), upload.url);
  }

  @Override
  public synchronized Map<Integer, String> confirmedParts() throws UploadException {
    Map<Integer, String> out = new TreeMap<>();
    if (upload == null) return out;
    long held = upload.offset();
    for (int n = 1; n <= plan.partCount(); n++) {
      long end = plan.partOffset(n) + plan.partLength(n);
      if (end <= held) out.put(n, Long.toString(end));
    }
    return out;
  }

  @Override
  public synchronized long heldBytes() {
    return upload == null ? 0 : upload.held();
  }

  @Override
  public String sendPart(int partNumber, long offset, FilePart data) throws UploadException {
    return Long.toString(sendRange(offset, data));
  }

  /** Sends the file bytes [start, start + data.length) from the server's offset on. */
  private synchronized long sendRange(long start, FilePart data) throws UploadException {
    Objects.requireNonNull(upload, "the upload is opened before its bytes are sent");
    long end = start + data.length();
    long held = upload.offset();
    if (held < start) {
      upload.forget();
      throw new UploadException(
          UploadException.Kind.UPLOAD_GONE,
          "The server holds less of the file than it confirmed before.",
          "TusOffsetBehind",
          "server offset " + held + ", next part starts at " + start,
          null);
    }
    while (held < end) {
      if (Thread.currentThread().isInterrupted()) {
        throw UploadException.retryable("The upload was stopped.", "Interrupted", null);
      }
      long count = Math.min(payloadSize, end - held);
      String checksum = checksum(data, held - start, count);
      upload.append(held, TusHttp.body(data, held - start, count), count, checksum);
      held += count;
    }
    return end;
  }

  /** The Upload-Checksum of one write, where the server offers the checksum extension. */
  private @Nullable String checksum(FilePart data, long from, long count) throws UploadException {
    String algorithm = info.checksumAlgorithm();
    if (algorithm == null) return null;
    MessageDigest d = digest(algorithm);
    try {
      data.digest(d, from, count);
    } catch (IOException e) {
      throw UploadException.retryable("The file can't be read.", "FileRead", e);
    }
    return algorithm + " " + Base64.getEncoder().encodeToString(d.digest());
  }

  static MessageDigest digest(String tusAlgorithm) {
    try {
      return MessageDigest.getInstance("sha1".equals(tusAlgorithm) ? "SHA-1" : "SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public synchronized RemoteObject sendWhole(FilePart data, String sha256Base64, String sha256Hex)
      throws UploadException {
    if (upload == null) resumeOrCreate(TusTransfer.metadata(plan, sha256Hex), data);
    sendRange(0, data);
    return complete(List.of(), sha256Hex);
  }

  @Override
  public synchronized RemoteObject complete(List<SentPart> parts, String sha256Hex)
      throws UploadException {
    Objects.requireNonNull(upload, "the upload is opened before it is completed");
    upload.confirmComplete();
    ChecksumFile.send(http, store, info, plan, upload.url, sha256Hex);
    store.remove(fingerprint);
    store.removeUrl(upload.url.toString());
    log.info("tus upload of {} complete at {}", plan.key(), upload.url);
    return new RemoteObject(plan.key(), plan.size(), sha256Hex);
  }

  @Override
  public synchronized void abort() throws UploadException {
    store.remove(fingerprint);
    if (upload != null) transfer.abort(plan.key(), upload.url.toString());
  }
}
