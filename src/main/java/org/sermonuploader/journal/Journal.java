package org.sermonuploader.journal;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.engine.JobClaim;
import org.sermonuploader.engine.JobStore;
import org.sermonuploader.engine.JournalException;
import org.sermonuploader.model.HistoryEntry;
import org.sermonuploader.model.JobRecord;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.PartRecord;
import org.sermonuploader.model.SermonDetails;

/**
 * The crash-safe record of every job, its confirmed parts and the upload history, in SQLite (WAL,
 * synchronous FULL): a kill -9 or power cut at any instant leaves the last committed state. A file
 * that is not a readable journal is moved aside, what can be read from it is kept, and {@link
 * #recoveryNotice()} says so.
 *
 * <p>Two kinds of write wait for nothing but the operating system (synchronous NORMAL), because a
 * power cut that loses them is harmless: a run that started ({@link #notePassingState}) and a key
 * chosen or forgotten by a job with no upload id before or after ({@link #setUpload}). WAL keeps
 * commits in order, so the next durable commit makes them durable too; a power cut before it leaves
 * the state before them, which the next run handles as it handles any interrupted one
 * (docs/reliability.md).
 *
 * <p>Each table's SQL is in a class of its own ({@link JobRows}, {@link PartRows}, {@link
 * HistoryRows}, {@link JobTimes}, {@link Checks}); this class holds the lock that keeps one
 * transaction from taking in another's writes, chooses what goes into one transaction, and words
 * what failed.
 */
public final class Journal implements JobStore, AutoCloseable {
  public static final String FILE_NAME = "journal.db";

  private final JournalConnection db;
  private final Path file;
  private final @Nullable String recoveryNotice;
  private final Checks checks;

  Journal(JournalConnection db, Path file, @Nullable String recoveryNotice) {
    this.db = db;
    this.file = file;
    this.recoveryNotice = recoveryNotice;
    this.checks = new Checks(this, db);
  }

  public static Journal open(Path dataDir) throws JournalException {
    Path file = dataDir.resolve(FILE_NAME);
    JournalFiles.prepare(dataDir, file);
    try {
      return new Journal(JournalConnection.open(file), file, null);
    } catch (SQLException | JournalException first) {
      return DamagedJournal.setAside(dataDir, file, first);
    }
  }

  /** A message for the user when the journal had to be replaced at start, else null. */
  public @Nullable String recoveryNotice() {
    return recoveryNotice;
  }

  public Path file() {
    return file;
  }

  @Override
  public synchronized long createJob(JobRecord r) throws JournalException {
    try {
      return JobRows.insert(db, r);
    } catch (SQLException e) {
      throw fail("record a new upload", e);
    }
  }

  @Override
  public synchronized List<Long> createJobs(List<JobRecord> records) throws JournalException {
    List<Long> ids = new ArrayList<>(records.size());
    inTransaction(
        "record new uploads",
        false,
        () -> {
          for (JobRecord r : records) ids.add(JobRows.insert(db, r));
        });
    return ids;
  }

  /** Records where the upload lives on the server; clears parts when the upload id changes. */
  @Override
  public synchronized void setUpload(
      long jobId,
      @Nullable String key,
      @Nullable String uploadId,
      long partSize,
      long size,
      long mtime)
      throws JournalException {
    // with no upload id before or after there is nothing on the server a lost write could refer
    // to: the key is chosen again, finding an object this job already PUT as already uploaded
    inTransaction(
        "record the upload id",
        uploadId == null && !hasUploadId(jobId),
        () -> {
          JobRows.setUpload(db, jobId, key, uploadId, partSize, size, mtime);
          PartRows.delete(db, jobId);
          // an upload forgotten starts over: History's time and speed are those of the next one
          if (key == null && uploadId == null) JobTimes.forget(db, jobId);
        });
  }

  private boolean hasUploadId(long jobId) throws JournalException {
    try {
      return JobRows.hasUploadId(db, jobId);
    } catch (SQLException e) {
      throw fail("read the upload id", e);
    }
  }

  @Override
  public synchronized void recordPart(long jobId, PartRecord part) throws JournalException {
    try {
      PartRows.record(db, jobId, part);
    } catch (SQLException e) {
      throw fail("record a finished part", e);
    }
  }

  @Override
  public synchronized Map<Integer, PartRecord> parts(long jobId) throws JournalException {
    try {
      return PartRows.of(db, jobId);
    } catch (SQLException e) {
      throw fail("read the finished parts", e);
    }
  }

  /** Records a run's start without waiting for the disk: losing it leaves the job as it was. */
  @Override
  public synchronized void notePassingState(long jobId, JobState state, @Nullable String message)
      throws JournalException {
    inTransaction(
        "record the state of an upload",
        true,
        () -> JobRows.setState(db, jobId, state, message, null));
  }

  @Override
  public synchronized void updateState(
      long jobId, JobState state, @Nullable String message, @Nullable String sha256)
      throws JournalException {
    try {
      JobRows.setState(db, jobId, state, message, sha256);
    } catch (SQLException e) {
      throw fail("record the state of an upload", e);
    }
  }

  /** Records where a job's file is now (a USB stick mounted under another name). */
  @Override
  public synchronized void updatePath(long jobId, Path path) throws JournalException {
    try {
      JobRows.setPath(db, jobId, path);
    } catch (SQLException e) {
      throw fail("record the new place of a file", e);
    }
  }

  @Override
  public synchronized void updateDetails(long jobId, SermonDetails d) throws JournalException {
    try {
      JobRows.setDetails(db, jobId, d);
    } catch (SQLException e) {
      throw fail("record the sermon details", e);
    }
  }

  /** Marks the job finished and adds its history line in one transaction. */
  @Override
  public synchronized void finish(
      long jobId, JobState state, @Nullable String message, @Nullable HistoryEntry history)
      throws JournalException {
    inTransaction(
        "record a finished upload",
        false,
        () -> {
          JobRows.setState(db, jobId, state, message, history == null ? null : history.sha256());
          if (history != null) HistoryRows.insert(db, jobId, history);
          PartRows.delete(db, jobId);
          JobTimes.forget(db, jobId);
        });
  }

  @Override
  public synchronized long addActiveMillis(long jobId, long millis) throws JournalException {
    try {
      return JobTimes.add(db, jobId, millis);
    } catch (SQLException e) {
      throw fail("record the upload time", e);
    }
  }

  @Override
  public synchronized long activeMillis(long jobId) throws JournalException {
    try {
      return JobTimes.read(db, jobId);
    } catch (SQLException e) {
      throw fail("read the upload time", e);
    }
  }

  @Override
  public synchronized void remove(long jobId) throws JournalException {
    try {
      PartRows.delete(db, jobId);
      JobRows.delete(db, jobId);
      JobTimes.forget(db, jobId);
    } catch (SQLException e) {
      throw fail("remove an upload", e);
    }
  }

  @Override
  public synchronized List<JobRecord> jobs() throws JournalException {
    try {
      return JobRows.all(db);
    } catch (SQLException e) {
      throw fail("read the upload list", e);
    }
  }

  @Override
  public synchronized Optional<JobRecord> job(long jobId) throws JournalException {
    try {
      return JobRows.byId(db, jobId);
    } catch (SQLException e) {
      throw fail("read the upload list", e);
    }
  }

  /** A claim shared with every process on this data folder (see {@link JobClaims}). */
  @Override
  public Optional<JobClaim> claim(long jobId) throws JournalException {
    return JobClaims.claim(file.toAbsolutePath().resolveSibling("."), jobId);
  }

  /** Whether a run in this or another process holds the job's claim now (see {@link JobClaims}). */
  public boolean claimed(long jobId) throws JournalException {
    return JobClaims.held(file.toAbsolutePath().resolveSibling("."), jobId);
  }

  @Override
  public List<JobRecord> unfinished() throws JournalException {
    List<JobRecord> out = new ArrayList<>();
    for (JobRecord r : jobs()) if (!r.state().finished()) out.add(r);
    return out;
  }

  @Override
  public synchronized Optional<JobRecord> unfinishedAt(Path path) throws JournalException {
    try {
      return JobRows.unfinishedAt(db, path);
    } catch (SQLException e) {
      throw fail("read the upload list", e);
    }
  }

  @Override
  public List<HistoryEntry> history() throws JournalException {
    return history(0, Integer.MAX_VALUE);
  }

  @Override
  public synchronized List<HistoryEntry> history(int offset, int limit) throws JournalException {
    try {
      return HistoryRows.page(db, offset, limit);
    } catch (SQLException e) {
      throw fail("read the upload history", e);
    }
  }

  /**
   * A recording moved to the store {@code to}: its history lines elsewhere ({@code fromKey} with
   * {@code size} bytes) now say where it is, and the move's own line ({@code moveJobId}'s) goes:
   * one recording, one line, with the time it was first sent. Returns how many lines now say so.
   */
  public synchronized int historyMoved(
      String fromKey, long size, String toKey, String to, long moveJobId) throws JournalException {
    int[] updated = {0};
    inTransaction(
        "record a moved recording",
        false,
        () -> updated[0] = HistoryRows.moved(db, fromKey, size, toKey, to, moveJobId));
    return updated[0];
  }

  /** The SHA-256 this station recorded for an object it uploaded to {@code key}, if any. */
  @Override
  public synchronized Optional<String> recordedSha256(String key, long size)
      throws JournalException {
    try {
      return HistoryRows.recordedSha256(db, key, size);
    } catch (SQLException e) {
      throw fail("read the upload history", e);
    }
  }

  /** The read-back checks, kept in this journal's file through its one connection. */
  public Checks checks() {
    return checks;
  }

  private void inTransaction(String what, boolean lazy, JournalConnection.Work work)
      throws JournalException {
    db.inTransaction(what, lazy, work);
  }

  private static JournalException fail(String what, SQLException e) {
    return JournalConnection.fail(what, e);
  }

  @Override
  public synchronized void close() {
    db.close();
  }
}
