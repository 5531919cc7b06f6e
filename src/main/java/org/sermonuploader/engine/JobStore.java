package org.sermonuploader.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.model.HistoryEntry;
import org.sermonuploader.model.JobRecord;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.PartRecord;
import org.sermonuploader.model.SermonDetails;

/**
 * Where the engine keeps its jobs across restarts: what each job is, where its upload lives on the
 * server, which parts the server confirmed, and the history of finished uploads. The journal
 * implements it; the engine knows only this.
 */
public interface JobStore {
  long createJob(JobRecord r) throws JournalException;

  /**
   * Records several new jobs at once, all or none; returns their ids in order. The journal waits
   * for the disk once for all of them.
   */
  default List<Long> createJobs(List<JobRecord> records) throws JournalException {
    List<Long> ids = new java.util.ArrayList<>(records.size());
    for (JobRecord r : records) ids.add(createJob(r));
    return ids;
  }

  /** Records where the upload lives on the server; clears parts when the upload id changes. */
  void setUpload(
      long jobId,
      @Nullable String key,
      @Nullable String uploadId,
      long partSize,
      long size,
      long mtime)
      throws JournalException;

  void recordPart(long jobId, PartRecord part) throws JournalException;

  Map<Integer, PartRecord> parts(long jobId) throws JournalException;

  void updateState(long jobId, JobState state, @Nullable String message, @Nullable String sha256)
      throws JournalException;

  /**
   * Records a state that a power cut may lose without harm (a run has started): the store need not
   * wait for the disk; the next {@link #updateState} or {@link #finish} makes it durable with it.
   */
  default void notePassingState(long jobId, JobState state, @Nullable String message)
      throws JournalException {
    updateState(jobId, state, message, null);
  }

  /** Records where a job's file is now (a USB stick mounted under another name). */
  void updatePath(long jobId, Path path) throws JournalException;

  void updateDetails(long jobId, SermonDetails d) throws JournalException;

  /** Marks the job finished and adds its history line (if any) in one step. */
  void finish(long jobId, JobState state, @Nullable String message, @Nullable HistoryEntry history)
      throws JournalException;

  void remove(long jobId) throws JournalException;

  /**
   * Adds {@code millis} to the time the job's runs spent uploading, across restarts, and returns
   * the total; finishing the job clears it.
   */
  long addActiveMillis(long jobId, long millis) throws JournalException;

  /** The time the job's earlier runs spent uploading, as {@link #addActiveMillis} summed it. */
  long activeMillis(long jobId) throws JournalException;

  List<JobRecord> jobs() throws JournalException;

  List<JobRecord> unfinished() throws JournalException;

  /** The job as recorded now (another process may have changed it); empty once removed. */
  default Optional<JobRecord> job(long jobId) throws JournalException {
    return jobs().stream().filter(r -> r.id() == jobId).findFirst();
  }

  /**
   * Claims the job for this runner; empty while another runner holds it (the window, an {@code
   * upload} or a {@code resume} on the same data folder). A store only one engine uses claims
   * always.
   */
  default Optional<JobClaim> claim(long jobId) throws JournalException {
    return Optional.of(JobClaim.NONE);
  }

  /** The unfinished job of this file, if any (the newest when there are several). */
  default Optional<JobRecord> unfinishedAt(Path path) throws JournalException {
    Optional<JobRecord> found = Optional.empty();
    for (JobRecord r : unfinished()) if (r.path().equals(path)) found = Optional.of(r);
    return found;
  }

  /** The whole history, newest first. Prefer {@link #history(int, int)} where it may be long. */
  List<HistoryEntry> history() throws JournalException;

  /** One page of the history, newest first: {@code limit} lines after the first {@code offset}. */
  default List<HistoryEntry> history(int offset, int limit) throws JournalException {
    List<HistoryEntry> all = history();
    int from = Math.min(all.size(), Math.max(0, offset));
    return List.copyOf(all.subList(from, Math.min(all.size(), from + Math.max(0, limit))));
  }

  /** The SHA-256 this station recorded for an object it uploaded to {@code key}, if any. */
  Optional<String> recordedSha256(String key, long size) throws JournalException;
}
