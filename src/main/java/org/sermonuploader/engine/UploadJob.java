package org.sermonuploader.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.SermonDetails;

/** The engine's live, mutable view of one job; the outside world sees {@link JobSnapshot}s. */
final class UploadJob {
  private static final VarHandle REQUESTED;

  static {
    try {
      REQUESTED =
          MethodHandles.lookup().findVarHandle(UploadJob.class, "requested", Requested.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final long id;

  /** Changes only when a waiting job's file turns up elsewhere (see UploadEngine.relocate). */
  volatile Path path;

  volatile long size;
  volatile long mtime;
  volatile @Nullable String key;
  volatile @Nullable String uploadId;
  volatile long partSize;
  volatile JobState state;
  volatile @Nullable String message;
  volatile @Nullable String detail;
  volatile @Nullable String sha256;
  volatile SermonDetails details;

  /** Bytes the server confirmed, plus bytes of parts now streaming. */
  final AtomicLong confirmedBytes = new AtomicLong();

  final AtomicLong streamingBytes = new AtomicLong();

  /**
   * The bytes the server said it holds, a cut part's included (tus): the row never shows less, so a
   * pause or a retry does not send the bar back below what is already there.
   */
  final AtomicLong serverHeld = new AtomicLong();

  // parts finish on several sender threads at once
  final AtomicInteger partsSent = new AtomicInteger();
  final AtomicInteger partsSkipped = new AtomicInteger();

  // pause and resume change it by compare-and-set, so they never overwrite a cancel racing them
  private volatile Requested requested = Requested.NOTHING;

  /** When the run's time was last counted (System.nanoTime), or 0 while no run is on the job. */
  private long activeSince;

  /** A runner works on the job now; a job waiting for its stick without one is at rest. */
  volatile boolean running;

  /** Attempts that failed reading a file that looked readable: a bad file, not a pulled stick. */
  final AtomicInteger unreadableTries = new AtomicInteger();

  final RateMeter rate = new RateMeter();

  /** Runs of this job that ended with Java's heap exhausted. */
  final AtomicInteger outOfMemoryTries = new AtomicInteger();

  /** The key another station took at the same moment as this upload; the finished row says so. */
  volatile @Nullable String takenKey;

  /**
   * The key was chosen without a look, the server's refusal of a taken key standing in for it; a
   * refusal then sends the job back to the name search, which looks ({@link #looksAtNames}).
   */
  volatile boolean keyUnlooked;

  /** A write under {@link #key} went out and its answer was lost: it may be stored. */
  volatile boolean keyWritten;

  /** The name search looks at each name, even where the server would refuse a taken one. */
  volatile boolean looksAtNames;

  /** True when the object at {@link #takenKey} was this job's own and the server lost it. */
  volatile boolean takenKeyLost;

  /** Keys this job lost to a race or a lost object: never chosen again by this job. */
  final java.util.Set<String> lostKeys = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** The file's hash while the file has this size and mtime; spares a second read of the file. */
  volatile @Nullable FileHash knownHash;

  record FileHash(long size, long mtime, String sha256) {}

  UploadJob(
      long id, Path path, long size, long mtime, JobState state, @Nullable SermonDetails details) {
    this.id = id;
    this.path = path;
    this.size = size;
    this.mtime = mtime;
    this.state = state;
    this.details = details == null ? SermonDetails.NONE : details;
  }

  /** Reads the file's size and mtime again; a file that can't be read is left to the next run. */
  void refreshFileFacts() {
    try {
      size = java.nio.file.Files.size(path);
      mtime = java.nio.file.Files.getLastModifiedTime(path).toMillis();
    } catch (java.io.IOException e) {
      // reported by the next attempt when it opens the file
    }
  }

  Requested requested() {
    return requested;
  }

  /** A job already being cancelled stays so. */
  void requestPause() {
    REQUESTED.compareAndSet(this, Requested.NOTHING, Requested.PAUSE);
  }

  /** Takes back a pause; a cancel stays. */
  void withdrawPause() {
    REQUESTED.compareAndSet(this, Requested.PAUSE, Requested.NOTHING);
  }

  void requestCancel() {
    requested = Requested.CANCEL;
  }

  /** A retried job starts with nothing asked of it. */
  void clearRequests() {
    requested = Requested.NOTHING;
  }

  /** Starts counting the time a run spends on the job. */
  synchronized void startActiveClock() {
    activeSince = System.nanoTime();
  }

  /**
   * The whole milliseconds the run has spent since the last call; the rest carries over. 0 when no
   * run is counting.
   */
  synchronized long takeActiveMillis() {
    if (activeSince == 0) return 0;
    long millis = (System.nanoTime() - activeSince) / 1_000_000;
    activeSince += millis * 1_000_000;
    return millis;
  }

  /** Time counted since the last take, not yet written. */
  synchronized long untakenActiveMillis() {
    return activeSince == 0 ? 0 : (System.nanoTime() - activeSince) / 1_000_000;
  }

  /** Stops counting: the time between runs (paused, closed) is not upload time. */
  synchronized void stopActiveClock() {
    activeSince = 0;
  }

  /**
   * What the bar shows. While the row waits for the server it stands at what the server has
   * confirmed: bytes a try is streaming meanwhile may still be lost with it.
   */
  long bytesDone() {
    long streaming = state == JobState.WAITING_FOR_SERVER ? 0 : streamingBytes.get();
    return Math.min(size, Math.max(confirmedBytes.get() + streaming, serverHeld.get()));
  }

  JobSnapshot snapshot() {
    long done = bytesDone();
    boolean moving = state == JobState.UPLOADING || state == JobState.VERIFYING;
    double bps = moving ? rate.bytesPerSecond() : 0;
    long eta = bps > 0 ? (long) Math.ceil((size - done) / bps) : -1;
    if (state.succeeded()) done = size;
    return new JobSnapshot(
        id,
        path,
        path.getFileName().toString(),
        size,
        key,
        state,
        done,
        bps,
        eta,
        message,
        detail,
        sha256,
        details,
        partsSent.get(),
        partsSkipped.get());
  }
}
