package org.sermonuploader.engine.s3;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.engine.FilePart;
import org.sermonuploader.engine.MediaFiles;
import org.sermonuploader.engine.RemoteObject;
import org.sermonuploader.engine.TransferSession;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.engine.UploadPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file's upload to S3: a single PUT or a multipart upload. The object is written only if its
 * key is free ({@code If-None-Match: *}), and checked to be ours right after it was written, so a
 * recording another station stored under the same key at the same moment is never replaced.
 */
final class S3Session implements TransferSession {
  private static final Logger log = LoggerFactory.getLogger(S3Session.class);

  private final S3Requests requests;
  private final StoredObjects objects;
  private final ConditionalWrites conditionalWrites;
  private final AbortCheck aborts;
  private final UploadPlan plan;
  private final @Nullable String uploadId;

  /** Set once complete was sent: a retry may find that the first one went through. */
  private volatile boolean completeSent;

  /** The ETag the write (complete, or the single PUT) answered; a retry only checks again. */
  private volatile @Nullable String completedEtag;

  S3Session(
      S3Requests requests,
      StoredObjects objects,
      ConditionalWrites conditionalWrites,
      AbortCheck aborts,
      UploadPlan plan,
      @Nullable String uploadId) {
    this.requests = requests;
    this.objects = objects;
    this.conditionalWrites = conditionalWrites;
    this.aborts = aborts;
    this.plan = plan;
    this.uploadId = uploadId;
  }

  /** The recording's content type, from the file's name (the key may have lost its extension). */
  static String contentType(UploadPlan plan) {
    String name = plan.source() != null ? plan.source().getFileName().toString() : plan.key();
    return MediaFiles.contentType(name);
  }

  @Override
  public String uploadId() {
    return uploadId == null ? "" : uploadId;
  }

  @Override
  public boolean parallel() {
    return true;
  }

  @Override
  public Map<Integer, String> confirmedParts() throws UploadException {
    if (uploadId == null) return new TreeMap<>();
    return requests.parts(plan.key(), uploadId);
  }

  @Override
  public String sendPart(int partNumber, long offset, FilePart data) throws UploadException {
    return requests.uploadPart(plan.key(), uploadId, partNumber, data);
  }

  @Override
  public RemoteObject sendWhole(FilePart data, String sha256Base64, String sha256Hex)
      throws UploadException {
    String stored = completedEtag;
    if (stored != null) return settle(stored, sha256Hex); // the check after it failed
    Map<String, String> h = S3Headers.metadata(plan.metadata());
    h.put(S3Headers.META + StoredObjects.SHA256_KEY, sha256Hex);
    boolean conditional = conditionalWrites.sent();
    String etag;
    try {
      etag =
          requests.putFile(
              plan.key(), data, h, conditionalWrites.ifKeyFree(), contentType(plan), sha256Hex);
    } catch (UploadException e) {
      throw conditionalWrites.checkRefused(e, conditional, plan.key());
    }
    completedEtag = etag;
    return settle(etag, sha256Hex);
  }

  @Override
  public RemoteObject complete(List<SentPart> parts, String sha256Hex) throws UploadException {
    String completed = completedEtag;
    if (completed != null) return settle(completed, sha256Hex); // the check after it failed
    if (completeSent && finishedEarlier()) {
      // the server finished the upload on the earlier try and only its answer was lost
      return settle(null, sha256Hex);
    }
    boolean conditional = conditionalWrites.sent();
    completeSent = true;
    String etag;
    try {
      etag = requests.complete(plan.key(), uploadId, parts, conditionalWrites.ifKeyFree());
    } catch (UploadException e) {
      throw conditionalWrites.checkRefused(e, conditional, plan.key());
    }
    completedEtag = etag;
    return settle(etag, sha256Hex);
  }

  /** Whether the server no longer lists any part: the upload was completed (or is gone). */
  private boolean finishedEarlier() throws UploadException {
    try {
      return confirmedParts().isEmpty();
    } catch (UploadException e) {
      if (e.kind() == UploadException.Kind.UPLOAD_GONE) return true;
      throw e;
    }
  }

  /**
   * Checks that the object now under the key is this upload's, then records its SHA-256 where any
   * station finds it. A server without conditional writes lets a second writer replace the object
   * between our write and this check: then the object carries another ETag and another hash, and
   * the recording must be stored again under another name.
   *
   * <p>The job is done only when a HEAD after the last write on the object (its tag) and on its
   * marker, each answered by the server, still finds this write there, by size and ETag: on a
   * server whose abort deletes finished objects (S3Mock 5.2.0), another station losing the race for
   * the name and aborting its own upload removes ours. An object that already tells this upload's
   * SHA-256 (a single PUT carries it in its metadata) needs neither tag nor marker: the first HEAD
   * is then the one after the last write, and a small file costs three requests in all (the look
   * for a free name, the PUT, this HEAD).
   *
   * @param etag what the write answered; null when that answer was lost
   */
  private RemoteObject settle(@Nullable String etag, String sha256Hex) throws UploadException {
    Optional<RemoteObject> found = objects.find(plan.key());
    if (found.isEmpty()) {
      if (etag != null) throw lost("no object under the key right after it was written");
      throw UploadException.retryable(
          "The server did not show the finished file yet.", "NotVisible", null);
    }
    RemoteObject there = found.get();
    boolean sameWrite = etag != null && etag.equals(there.version());
    boolean sameBytes = sha256Hex.equalsIgnoreCase(String.valueOf(there.sha256Hex()));
    boolean answerLost = etag == null && there.sha256Hex() == null && there.size() == plan.size();
    if (!sameWrite && !sameBytes && !answerLost) {
      log.warn(
          "{} was replaced right after it was written (ETag {}, now {})",
          plan.key(),
          etag,
          there.version());
      throw UploadException.keyTaken("ReplacedAfterWrite", "object ETag " + there.version());
    }
    String version = sameWrite ? etag : there.version();
    if (sameBytes) {
      // the object itself tells its SHA-256 (a single PUT carries it in its metadata): nothing is
      // left to write, and this look came after the last write
      return new RemoteObject(plan.key(), there.size(), sha256Hex, version);
    }
    if (there.sha256Hex() == null && !objects.tag(plan.key(), sha256Hex)) {
      throw lost("the object was gone when its SHA-256 tag was written");
    }
    objects.markers().write(plan.key(), sha256Hex, there.size(), version);
    Optional<RemoteObject> after = requests.head(plan.key());
    if (after.isEmpty()) throw lost("no object under the key after its last write");
    if (after.get().size() != plan.size() || !Objects.equals(version, after.get().version())) {
      // a server without conditional complete let another station's upload replace ours
      log.warn(
          "{} was replaced after its last write (ETag {}, now {}, size {})",
          plan.key(),
          version,
          after.get().version(),
          after.get().size());
      throw UploadException.keyTaken(
          "ReplacedAfterWrite", "object ETag " + after.get().version() + " after the last write");
    }
    return new RemoteObject(plan.key(), there.size(), sha256Hex, version);
  }

  private UploadException lost(String detail) {
    log.warn("{}: {}", plan.key(), detail);
    return UploadException.storedObjectLost("StoredObjectLost", plan.key() + ": " + detail);
  }

  @Override
  public void abort() throws UploadException {
    if (uploadId != null) aborts.abortUnlessItDeletes(plan.key(), uploadId);
  }
}
