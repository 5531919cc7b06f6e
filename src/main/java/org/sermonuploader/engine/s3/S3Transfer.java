package org.sermonuploader.engine.s3;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.engine.Leftovers;
import org.sermonuploader.engine.RemoteObject;
import org.sermonuploader.engine.Transfer;
import org.sermonuploader.engine.TransferSession;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.engine.UploadPlan;
import org.sermonuploader.model.ConnectionReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads to S3/MinIO, single requests or multipart uploads resumable part by part. The requests
 * themselves are {@link S3Requests}'s; this class opens each file's {@link S3Session} and holds
 * what was learned of the server: where it keeps hashes ({@link StoredObjects}), what its {@code
 * If-None-Match} ({@link ConditionalWrites}) and its abort ({@link AbortCheck}) really do.
 */
public final class S3Transfer implements Transfer {
  private static final Logger log = LoggerFactory.getLogger(S3Transfer.class);

  private final S3Config config;
  private final S3Requests requests;
  private final StoredObjects objects;
  private final ConditionalWrites conditionalWrites;
  private final AbortCheck aborts;

  /** False on a transfer made to check for single-request uploads only. */
  private boolean checksResume = true;

  public S3Transfer(S3Config config) throws UploadException {
    this.config = config;
    this.requests = new S3Requests(config);
    this.objects = new StoredObjects(requests);
    this.conditionalWrites = new ConditionalWrites(requests, objects);
    this.aborts = new AbortCheck(requests);
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

  /** For {@link S3AppRecords}, which keep the app's own records over the same client. */
  S3Requests requests() {
    return requests;
  }

  @Override
  public Optional<RemoteObject> find(String key) throws UploadException {
    return objects.find(key);
  }

  @Override
  public List<RemoteObject> list(String prefix) throws UploadException {
    return S3Reads.list(requests, prefix);
  }

  @Override
  public InputStream read(String key, long offset, @Nullable String version)
      throws UploadException {
    return requests.get(key, offset, version);
  }

  @Override
  public boolean refusesTakenKeys() {
    return conditionalWrites.refusesTakenKeys();
  }

  @Override
  public TransferSession open(UploadPlan plan, @Nullable String priorUploadId)
      throws UploadException {
    if (plan.singleRequest()) return session(plan, null);
    if (priorUploadId != null) {
      S3Session s = session(plan, priorUploadId);
      s.confirmedParts(); // NoSuchUpload surfaces here as UPLOAD_GONE
      return s;
    }
    // parts carry a CRC32C the server checks, as AWS's own SDKs send by default: a second SHA-256
    // of every byte (beside the file's) would cost this computer and the server far more CPU
    Map<String, String> headers = S3Headers.metadata(plan.metadata());
    headers.put("X-Amz-Checksum-Algorithm", "CRC32C");
    headers.put("Content-Type", S3Session.contentType(plan));
    String id = requests.createUpload(plan.key(), headers);
    log.info(
        "Started multipart upload of {} ({} parts of {} bytes)",
        plan.key(),
        plan.partCount(),
        plan.partSize());
    return session(plan, id);
  }

  private S3Session session(UploadPlan plan, @Nullable String uploadId) {
    return new S3Session(requests, objects, conditionalWrites, aborts, plan, uploadId);
  }

  @Override
  public boolean uploadsWhileRecording() {
    return true;
  }

  /**
   * Aborts an unfinished upload, unless on this server that would delete the recording stored under
   * the same key (see {@link AbortCheck}): then the upload is left on the server.
   */
  @Override
  public void abort(String key, String uploadId) throws UploadException {
    aborts.abortUnlessItDeletes(key, uploadId);
  }

  @Override
  public Optional<Leftovers> leftovers(Supplier<Leftovers.Policy> policy) {
    return Optional.of(new S3Leftovers(requests, aborts, policy.get()));
  }

  /**
   * Every unfinished multipart upload in the bucket whose key starts with {@code prefix} ("" for
   * all).
   */
  public List<ServerUpload> unfinishedUploads(String prefix) throws UploadException {
    return requests.unfinishedUploads(prefix);
  }

  @Override
  public ConnectionReport check() {
    return new S3ConnectionCheck(requests, config, checksResume).run();
  }

  /**
   * The same check on a client whose requests give up after {@code limit}, so that a server that
   * accepts connections and never answers, or answers a byte at a time, cannot hold the caller
   * longer than it meant to wait. The whole check is bounded too: a server that answers the first
   * requests and stalls a later one is reported soon after {@code limit}, and its calls are
   * cancelled.
   */
  @Override
  public ConnectionReport check(Duration limit) {
    return check(limit, true);
  }

  /**
   * Without the test upload that is started, listed and removed to see that uploads can be resumed:
   * four requests that tell a single-request upload nothing its own request would not.
   */
  @Override
  public ConnectionReport checkForSingleRequests(Duration limit) {
    return check(limit, false);
  }

  private ConnectionReport check(Duration limit, boolean resume) {
    S3Transfer quick = null;
    try {
      quick = new S3Transfer(config.answeringWithin(limit));
      quick.checksResume = resume;
      return quick.checkWithin(limit);
    } catch (UploadException e) {
      // not reached: this transfer was built from the same address and bucket
      return new ConnectionReport(
          List.of(
              new ConnectionReport.Check(ConnectionReport.Check.Kind.SERVER, false, e.describe())));
    } finally {
      if (quick != null) {
        quick.requests.cancelAll();
        quick.close();
      }
    }
  }

  /**
   * The whole check gets a second more than each request, so a request's own deadline names the
   * reason when it can; the bound is for a server that answers some requests and stalls a later
   * one.
   */
  private ConnectionReport checkWithin(Duration limit) {
    return Transfer.super.check(limit.plusSeconds(1));
  }

  @Override
  public void close() {
    requests.close();
  }
}
