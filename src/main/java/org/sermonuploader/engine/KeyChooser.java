package org.sermonuploader.engine;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.model.JobState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the object key of a recording and guards it: never overwrite an existing object, store
 * the same recording only once, and notice another station storing under the same name meanwhile.
 */
final class KeyChooser {
  private static final Logger log = LoggerFactory.getLogger(KeyChooser.class);

  private final EngineOptions options;
  private final Transfer transfer;
  private final JobLedger ledger;
  private final Retrier retrier;
  private final RunControl control;

  /** Whether another job of this engine holds a key (the job asking does not count). */
  private final BiPredicate<UploadJob, String> heldByAnotherJob;

  KeyChooser(
      EngineOptions options,
      Transfer transfer,
      JobLedger ledger,
      Retrier retrier,
      RunControl control,
      BiPredicate<UploadJob, String> heldByAnotherJob) {
    this.options = options;
    this.transfer = transfer;
    this.ledger = ledger;
    this.retrier = retrier;
    this.control = control;
    this.heldByAnotherJob = heldByAnotherJob;
  }

  /**
   * Finds a key that is free, or finds that the same recording is already there (then the job ends
   * as "already uploaded" and this returns empty). Never overwrites an existing object.
   */
  Optional<String> choose(UploadJob job, FileChannel channel)
      throws UploadException, RunEnd, JournalException, InterruptedException, IOException {
    String base =
        options.keys().keyFor(job.path.getFileName().toString(), job.details, job.details.date());
    UploadJob.FileHash known = job.knownHash;
    String localSha =
        known != null && known.size() == job.size && known.mtime() == job.mtime
            ? known.sha256()
            : null;
    for (int n = 1; n < 1000; n++) {
      String candidate = n == 1 ? base : ObjectKeys.numbered(base, n);
      // a name this job lost is never taken again: its row could not say where the recording went
      if (job.lostKeys.contains(candidate) || heldByAnotherJob.test(job, candidate)) continue;
      // a small recording is written in one request that the server refuses on a taken name
      if (n == 1 && !job.looksAtNames && job.size <= job.partSize && transfer.refusesTakenKeys()) {
        job.keyUnlooked = true;
        return Optional.of(candidate);
      }
      Optional<RemoteObject> existing = retrier.call(job, () -> transfer.find(candidate));
      if (existing.isEmpty()) return Optional.of(candidate);
      RemoteObject remote = existing.get();
      if (remote.size() != job.size) continue;
      String remoteSha =
          remote.sha256Hex() != null
              ? remote.sha256Hex()
              : ledger.journal().recordedSha256(candidate, job.size).orElse(null);
      if (remoteSha == null) continue;
      if (localSha == null) localSha = hashWholeFile(job, channel);
      if (remoteSha.equalsIgnoreCase(localSha)) {
        job.key = candidate;
        job.sha256 = localSha;
        job.confirmedBytes.set(job.size);
        ledger.finish(
            job,
            JobState.ALREADY_UPLOADED,
            "This recording is already on the server as " + candidate + ".");
        return Optional.empty();
      }
    }
    throw UploadException.fatal(
        "Too many files with this name on the server.", "KeyExhausted", null);
  }

  /**
   * Looks at the key right before the object is written. Servers with conditional writes refuse a
   * taken key by themselves; on the others this leaves only a moment for another station to store
   * something there, and the transfer checks the object after writing it.
   */
  void checkStillFree(UploadJob job, UploadPlan plan)
      throws UploadException, IOException, RunEnd, InterruptedException {
    Optional<RemoteObject> there = retrier.call(job, () -> transfer.find(plan.key()));
    if (there.isPresent()) {
      throw UploadException.keyTaken("KeyTaken", plan.key() + " appeared during the upload");
    }
  }

  /**
   * Whether the object at the plan's key is this recording (same size, same SHA-256 in its
   * metadata): a write whose answer never arrived, taken again, finds its own object there.
   */
  boolean holdsThisRecording(UploadJob job, UploadPlan plan, String sha256Hex)
      throws UploadException, IOException, RunEnd, InterruptedException {
    Optional<RemoteObject> there = retrier.call(job, () -> transfer.find(plan.key()));
    if (there.isEmpty()
        || there.get().size() != plan.size()
        || !sha256Hex.equalsIgnoreCase(there.get().sha256Hex())) return false;
    log.info("{} is already stored, by an earlier try whose answer was lost", plan.key());
    return true;
  }

  /**
   * The journal holds the file's hash only once every part was confirmed and complete was sent.
   * Some servers keep answering for a completed upload, so ask for the object itself first.
   */
  boolean finishedBeforeInterruption(UploadJob job, UploadPlan plan)
      throws UploadException, IOException, RunEnd, InterruptedException, JournalException {
    Optional<RemoteObject> there = retrier.call(job, () -> transfer.find(plan.key()));
    if (there.isEmpty() || there.get().size() != plan.size()) return false;
    if (there.get().sha256Hex() != null && !there.get().sha256Hex().equalsIgnoreCase(job.sha256))
      return false;
    log.info("{} was completed on the server before the interruption", plan.key());
    job.confirmedBytes.set(plan.size());
    ledger.finish(job, JobState.DONE, null);
    return true;
  }

  /**
   * Complete answered that the upload is gone. If a crash hit between the server finishing it and
   * the journal noting it, the object is there with our size: that is success, not a restart.
   */
  RemoteObject completedBeforeInterruption(
      UploadJob job, UploadPlan plan, String hex, UploadException gone)
      throws UploadException, IOException, RunEnd, InterruptedException {
    Optional<RemoteObject> there = retrier.call(job, () -> transfer.find(plan.key()));
    if (there.isPresent()
        && there.get().size() == plan.size()
        && (there.get().sha256Hex() == null || there.get().sha256Hex().equalsIgnoreCase(hex))) {
      log.info("{} was completed on the server before the interruption", plan.key());
      return there.get();
    }
    throw gone;
  }

  /** What a finished row says; null when all went as usual. */
  static @Nullable String doneMessage(UploadJob job) {
    String taken = job.takenKey;
    if (taken == null) return null;
    // the chooser never picks a lost name again; should it ever, the row must not call it another
    String where = taken.equals(job.key) ? "under the same name again" : "as " + job.key;
    if (job.takenKeyLost) {
      return "The server lost this recording right after storing it as "
          + taken
          + " (on some servers another station's upload under the same name removes it), so it was stored again "
          + where
          + ".";
    }
    return "Another station stored a recording as "
        + taken
        + " at the same moment, so this one was stored "
        + where
        + ".";
  }

  private String hashWholeFile(UploadJob job, FileChannel channel) throws IOException, RunEnd {
    ledger.show(
        job, JobState.VERIFYING, "checking whether this recording is already on the server", null);
    MessageDigest digest = FilePart.sha256();
    byte[] scratch = new byte[FilePart.SCRATCH];
    for (long pos = 0; pos < job.size; pos += scratch.length) {
      control.checkStop(job);
      FilePart.read(channel, pos, Math.min(scratch.length, job.size - pos), scratch, digest);
    }
    ledger.show(job, JobState.UPLOADING, null, null);
    return HexFormat.of().formatHex(digest.digest());
  }
}
