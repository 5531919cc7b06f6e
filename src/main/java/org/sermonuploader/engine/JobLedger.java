package org.sermonuploader.engine;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.model.EngineEvent;
import org.sermonuploader.model.HistoryEntry;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.PartRecord;
import org.sermonuploader.model.UploadListener;
import org.sermonuploader.model.UploadOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a job's state changes go: one call records a change in the journal and tells the listeners,
 * so what the window shows and what survives a restart never part ways.
 */
final class JobLedger {
  private static final Logger log = LoggerFactory.getLogger(JobLedger.class);
  private static final long ACTIVE_TIME_EVERY_MILLIS = 10_000;

  private final JobStore journal;
  private final Supplier<String> destination;
  private final List<UploadListener> listeners = new CopyOnWriteArrayList<>();

  JobLedger(JobStore journal, Supplier<String> destination) {
    this.journal = journal;
    this.destination = destination;
  }

  JobStore journal() {
    return journal;
  }

  void addListener(UploadListener listener) {
    listeners.add(listener);
  }

  void removeListener(UploadListener listener) {
    listeners.remove(listener);
  }

  /** Records a state that must survive a restart (queued, paused, waiting, failed) and shows it. */
  void save(UploadJob job, JobState state, @Nullable String message, @Nullable String detail) {
    persist(job, state, message);
    show(job, state, message, detail);
  }

  /**
   * Records a run's start, which a power cut may lose without harm (the job is then as it was
   * before the run), and shows it.
   */
  void note(UploadJob job, JobState state, @Nullable String message) {
    try {
      journal.notePassingState(job.id, state, message);
    } catch (JournalException e) {
      log.error("Could not record the state of {}", job.path, e);
    }
    show(job, state, message, null);
  }

  /** Records and shows the state a caller has just set on the job (under its own lock). */
  void saveCurrent(UploadJob job) {
    persist(job, job.state, job.message);
    publish(job);
  }

  /** Shows a passing state of a run (uploading, waiting for the server) without recording it. */
  void show(UploadJob job, JobState state, @Nullable String message, @Nullable String detail) {
    JobState before = job.state;
    @Nullable String said = job.message;
    set(job, state, message, detail);
    if (job.state != before || !Objects.equals(job.message, said)) publish(job);
  }

  void fail(UploadJob job, @Nullable String message, @Nullable String detail) {
    save(job, JobState.FAILED, message, detail);
  }

  /** Records the file's hash with the state, before complete is sent (see the pipeline). */
  void saveWithHash(UploadJob job, JobState state, @Nullable String message, String sha256)
      throws JournalException {
    journal.updateState(job.id, state, message, sha256);
    show(job, state, message, null);
  }

  /**
   * Ends a job as done or already uploaded, with its line in the history. The recording is on the
   * server by now, so a journal that can't record it (a full disk) does not make it a failure: the
   * row says it is there, and the next run finds it there.
   */
  void finish(UploadJob job, JobState state, @Nullable String message) {
    try {
      // every run of the job counts, those before a crash or a restart too; the total goes into
      // the history line in the same commit that ends the job
      long millis = journal.activeMillis(job.id) + job.takeActiveMillis();
      double bps = millis > 0 && state == JobState.DONE ? job.size * 1000.0 / millis : 0;
      journal.finish(
          job.id,
          state,
          message,
          new HistoryEntry(
              job.id,
              job.path.getFileName().toString(),
              Objects.requireNonNull(job.key, "a finished upload has its key"),
              job.size,
              job.sha256,
              Instant.now(),
              millis,
              bps,
              UploadOutcome.of(state, job.takenKey != null),
              destination.get()));
    } catch (JournalException e) {
      log.error("{} is on the server, but the journal could not record it", job.path, e);
      message =
          (message == null ? "" : message + "; ")
              + "on the server, but not in this computer's history: "
              + e.getMessage();
    }
    log.info(
        "{} {}: key {}, {} bytes, sha256 {}",
        job.path.getFileName(),
        state.words(),
        job.key,
        job.size,
        job.sha256);
    show(job, state, message, null);
  }

  /** Ends a job as cancelled: its upload is forgotten, its row says so. */
  void cancelled(UploadJob job) {
    try {
      journal.setUpload(job.id, job.key, null, job.partSize, job.size, job.mtime);
      journal.finish(job.id, JobState.CANCELLED, "Cancelled.", null);
    } catch (JournalException e) {
      log.error("Could not record the cancel of {}", job.path, e);
    }
    job.key = null;
    job.confirmedBytes.set(0);
    job.serverHeld.set(0);
    set(job, JobState.CANCELLED, "Cancelled.", null);
    publish(job);
  }

  /**
   * Adds the time the job has run since the last call to its total in the journal, so History gives
   * the time across runs. Called when a run ends.
   */
  void countActiveTime(UploadJob job) {
    try {
      journal.addActiveMillis(job.id, job.takeActiveMillis());
    } catch (JournalException e) {
      log.warn("Could not record the upload time of {}: {}", job.path, e.getMessage());
    }
  }

  /**
   * {@link #countActiveTime} while parts are confirmed, but at most every {@value
   * #ACTIVE_TIME_EVERY_MILLIS} ms: a journal write per part would hold up the part's sender (each
   * write waits for the disk), and a crash then loses at most that much of History's time.
   */
  void countActiveTimeNowAndThen(UploadJob job) {
    if (job.untakenActiveMillis() >= ACTIVE_TIME_EVERY_MILLIS) countActiveTime(job);
  }

  /** The bytes of the parts the journal holds: where a restarted row starts, not at 0 %. */
  void restoreProgress(UploadJob job) {
    try {
      long held = 0;
      for (PartRecord p : journal.parts(job.id).values()) held += p.size();
      job.confirmedBytes.set(Math.min(held, job.size));
    } catch (JournalException e) {
      log.warn("Could not read the confirmed parts of {}: {}", job.path, e.getMessage());
    }
  }

  void engineEvent(EngineEvent event) {
    for (UploadListener l : listeners) {
      try {
        l.engineEvent(event);
      } catch (RuntimeException e) {
        log.warn("A listener failed on {}", event.kind(), e);
      }
    }
  }

  void removed(long id) {
    for (UploadListener l : listeners) l.jobRemoved(id);
  }

  void publish(UploadJob job) {
    JobSnapshot s = job.snapshot();
    for (UploadListener l : listeners) {
      try {
        l.jobChanged(s);
      } catch (RuntimeException e) {
        log.warn("A listener failed on job {}", job.id, e);
      }
    }
  }

  /** Sets the state without telling anyone: for a caller that publishes after leaving a lock. */
  static void set(
      UploadJob job, JobState state, @Nullable String message, @Nullable String detail) {
    JobState shown = stopping(job, state);
    job.state = shown;
    job.message = shown == state ? message : null;
    if (shown.finished()) job.rate.reset(); // a finished row keeps no speed samples
    if (detail != null || state == JobState.UPLOADING) job.detail = detail;
  }

  /**
   * A run asked to pause or cancel says so until it has ended, whatever step it is in; the states
   * that end a run (paused, cancelled, failed, done) pass as they are.
   */
  private static JobState stopping(UploadJob job, JobState state) {
    boolean running =
        switch (state) {
          case UPLOADING,
              RECORDING,
              WAITING_FOR_SERVER,
              PAUSED_LOW_MEMORY,
              VERIFYING,
              PAUSING,
              CANCELLING ->
              true;
          default -> false;
        };
    if (!running) return state;
    Requested asked = job.requested();
    if (asked == Requested.CANCEL) return JobState.CANCELLING;
    if (asked == Requested.PAUSE) return JobState.PAUSING;
    return state == JobState.PAUSING || state == JobState.CANCELLING ? JobState.UPLOADING : state;
  }

  private void persist(UploadJob job, JobState state, @Nullable String message) {
    try {
      journal.updateState(job.id, state, message, null);
    } catch (JournalException e) {
      log.error("Could not record the state of {}", job.path, e);
    }
  }
}
