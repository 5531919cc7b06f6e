package org.sermonuploader.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.config.OwnerOnly;
import org.sermonuploader.engine.JobClaim;
import org.sermonuploader.engine.JobStore;
import org.sermonuploader.engine.JournalException;
import org.sermonuploader.model.HistoryEntry;
import org.sermonuploader.model.JobRecord;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.PartRecord;
import org.sermonuploader.model.SermonDetails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 */
public final class Journal implements JobStore, AutoCloseable {
  public static final String FILE_NAME = "journal.db";
  static final int SCHEMA_VERSION = 2;
  private static final Logger log = LoggerFactory.getLogger(Journal.class);

  private final Connection db;
  private final Path file;
  private final @Nullable String recoveryNotice;

  private Journal(Connection db, Path file, @Nullable String recoveryNotice) {
    this.db = db;
    this.file = file;
    this.recoveryNotice = recoveryNotice;
  }

  public static Journal open(Path dataDir) throws JournalException {
    Path file = dataDir.resolve(FILE_NAME);
    JournalFiles.prepare(dataDir, file);
    try {
      return new Journal(connect(file), file, null);
    } catch (SQLException | JournalException first) {
      // a database library that can't load makes every file look damaged: leave the journal alone
      requireWorkingDriver(first);
      // only a file SQLite calls corrupt is damaged: a full disk, an I/O error, a lock or a
      // permission leaves a healthy journal, with its unfinished uploads, exactly as it is
      if (first instanceof SQLException sql && !JournalNotOpenedException.corrupt(sql)) {
        log.warn("Journal {} could not be opened; left as it is", file, first);
        throw JournalNotOpenedException.becauseOf(dataDir, file, sql);
      }
      log.warn("Journal {} is damaged or unknown ({}); moving it aside", file, first.getMessage());
      Path aside = file.resolveSibling(FILE_NAME + ".damaged-" + System.currentTimeMillis());
      List<JobRecord> salvaged = JournalSalvage.unfinishedJobs(file);
      try {
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        for (String suffix : new String[] {"-wal", "-shm"}) {
          Path side = JournalFiles.side(file, suffix);
          if (Files.exists(side))
            Files.move(side, aside.resolveSibling(aside.getFileName() + suffix));
        }
        OwnerOnly.file(file);
        Journal fresh =
            new Journal(
                connect(file),
                file,
                "The upload journal was damaged. It was moved to "
                    + aside.getFileName()
                    + "; "
                    + salvaged.size()
                    + " unfinished upload(s) could be recovered from it.");
        for (JobRecord r : salvaged) fresh.createJob(r);
        return fresh;
      } catch (IOException | SQLException e) {
        throw new JournalException(
            "The upload journal "
                + file
                + " is damaged and could not be replaced: "
                + e.getMessage(),
            e);
      }
    }
  }

  private static void requireWorkingDriver(Exception first) throws JournalException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
      c.createStatement().execute("SELECT 1");
    } catch (SQLException | RuntimeException | LinkageError e) {
      log.error("The SQLite library does not work; the journal is left as it is", e);
      throw new JournalException(
          "The app's database library could not be loaded, so the upload journal was"
              + " left as it is. The temporary folder ("
              + System.getProperty("java.io.tmpdir")
              + ") must exist, be"
              + " writable and allow programs to run (not mounted noexec). Details: "
              + first.getMessage(),
          e);
    }
  }

  private static Connection connect(Path file) throws SQLException, JournalException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try {
      setUp(c);
      return c;
    } catch (SQLException | JournalException | RuntimeException e) {
      c.close(); // else the half-open connection keeps the files, and the disk's space, held
      throw e;
    }
  }

  private static void setUp(Connection c) throws SQLException, JournalException {
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA synchronous=FULL");
      s.execute("PRAGMA busy_timeout=5000");
      try (ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
        if (!rs.next() || !"ok".equalsIgnoreCase(rs.getString(1))) {
          throw new JournalException("integrity check failed", null);
        }
      }
      int version;
      try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
        version = rs.next() ? rs.getInt(1) : 0;
      }
      if (version > SCHEMA_VERSION) {
        throw new JournalException(
            "journal version " + version + " is newer than this app knows", null);
      }
      if (version == 1) {
        // version 1 kept each part's SHA-256; parts are now told apart by CRC32C. The old values
        // cannot be compared, so those parts count as unknown and are sent again.
        s.execute("ALTER TABLE parts RENAME COLUMN sha256 TO crc32c");
        s.execute("UPDATE parts SET crc32c = NULL");
      }
      s.execute(
          "CREATE TABLE IF NOT EXISTS jobs (id INTEGER PRIMARY KEY AUTOINCREMENT, path TEXT NOT NULL,"
              + " size INTEGER NOT NULL, mtime INTEGER NOT NULL, key TEXT, upload_id TEXT, part_size INTEGER,"
              + " state TEXT NOT NULL, message TEXT, sha256 TEXT, title TEXT, speaker TEXT, sermon_date TEXT,"
              + " series TEXT, created_at INTEGER NOT NULL)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS parts (job_id INTEGER NOT NULL, number INTEGER NOT NULL,"
              + " size INTEGER NOT NULL, crc32c TEXT, etag TEXT, PRIMARY KEY (job_id, number))");
      s.execute(
          "CREATE TABLE IF NOT EXISTS history (job_id INTEGER, file_name TEXT, key TEXT, size INTEGER,"
              + " sha256 TEXT, finished_at INTEGER, duration_ms INTEGER, bytes_per_sec REAL, outcome TEXT,"
              + " destination TEXT)");
      JobTimes.createTable(s);
      // adding a file asks for its unfinished job, and a name found taken asks the history: one
      // lookup each, not a pass over every job and every line (2,000 files: two million rows)
      s.execute("CREATE INDEX IF NOT EXISTS jobs_by_path ON jobs (path)");
      s.execute("CREATE INDEX IF NOT EXISTS history_by_key ON history (key, size)");
      s.execute("PRAGMA user_version=" + SCHEMA_VERSION);
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
      return insertJob(r);
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
          for (JobRecord r : records) ids.add(insertJob(r));
        });
    return ids;
  }

  private long insertJob(JobRecord r) throws SQLException {
    String sql =
        "INSERT INTO jobs (path, size, mtime, key, upload_id, part_size, state, message, sha256,"
            + " title, speaker, sermon_date, series, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    try (PreparedStatement p = db.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
      p.setString(1, r.path().toString());
      p.setLong(2, r.size());
      p.setLong(3, r.mtimeMillis());
      p.setString(4, r.key());
      p.setString(5, r.uploadId());
      p.setLong(6, r.partSize());
      p.setString(7, r.state().name());
      p.setString(8, r.message());
      p.setString(9, r.sha256());
      SermonDetails d = r.details() == null ? SermonDetails.NONE : r.details();
      p.setString(10, d.title());
      p.setString(11, d.speaker());
      p.setString(12, d.date() == null ? null : d.date().toString());
      p.setString(13, d.series());
      p.setLong(14, (r.createdAt() == null ? Instant.now() : r.createdAt()).toEpochMilli());
      p.executeUpdate();
      try (ResultSet keys = p.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
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
          try (PreparedStatement p =
              db.prepareStatement(
                  "UPDATE jobs SET key=?, upload_id=?, part_size=?, size=?, mtime=? WHERE id=?")) {
            p.setString(1, key);
            p.setString(2, uploadId);
            p.setLong(3, partSize);
            p.setLong(4, size);
            p.setLong(5, mtime);
            p.setLong(6, jobId);
            p.executeUpdate();
          }
          deleteParts(jobId);
          // an upload forgotten starts over: History's time and speed are those of the next one
          if (key == null && uploadId == null) JobTimes.forget(db, jobId);
        });
  }

  private boolean hasUploadId(long jobId) throws JournalException {
    try (PreparedStatement p = db.prepareStatement("SELECT upload_id FROM jobs WHERE id=?")) {
      p.setLong(1, jobId);
      try (ResultSet rs = p.executeQuery()) {
        return !rs.next() || rs.getString(1) != null;
      }
    } catch (SQLException e) {
      throw fail("read the upload id", e);
    }
  }

  @Override
  public synchronized void recordPart(long jobId, PartRecord part) throws JournalException {
    try (PreparedStatement p =
        db.prepareStatement(
            "INSERT OR REPLACE INTO parts (job_id, number, size, crc32c, etag) VALUES (?,?,?,?,?)")) {
      p.setLong(1, jobId);
      p.setInt(2, part.number());
      p.setLong(3, part.size());
      p.setString(4, part.crc32c());
      p.setString(5, part.etag());
      p.executeUpdate();
    } catch (SQLException e) {
      throw fail("record a finished part", e);
    }
  }

  @Override
  public synchronized Map<Integer, PartRecord> parts(long jobId) throws JournalException {
    Map<Integer, PartRecord> out = new TreeMap<>();
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT number, size, crc32c, etag FROM parts WHERE job_id=? ORDER BY number")) {
      p.setLong(1, jobId);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.put(
              rs.getInt(1),
              new PartRecord(rs.getInt(1), rs.getLong(2), rs.getString(3), rs.getString(4)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw fail("read the finished parts", e);
    }
  }

  /** Records a run's start without waiting for the disk: losing it leaves the job as it was. */
  @Override
  public synchronized void notePassingState(long jobId, JobState state, @Nullable String message)
      throws JournalException {
    inTransaction(
        "record the state of an upload", true, () -> writeState(jobId, state, message, null));
  }

  @Override
  public synchronized void updateState(
      long jobId, JobState state, @Nullable String message, @Nullable String sha256)
      throws JournalException {
    try {
      writeState(jobId, state, message, sha256);
    } catch (SQLException e) {
      throw fail("record the state of an upload", e);
    }
  }

  private void writeState(
      long jobId, JobState state, @Nullable String message, @Nullable String sha256)
      throws SQLException {
    try (PreparedStatement p =
        db.prepareStatement(
            "UPDATE jobs SET state=?, message=?, sha256=COALESCE(?, sha256) WHERE id=?")) {
      p.setString(1, state.name());
      p.setString(2, message);
      p.setString(3, sha256);
      p.setLong(4, jobId);
      p.executeUpdate();
    }
  }

  /** Records where a job's file is now (a USB stick mounted under another name). */
  @Override
  public synchronized void updatePath(long jobId, Path path) throws JournalException {
    try (PreparedStatement p = db.prepareStatement("UPDATE jobs SET path=? WHERE id=?")) {
      p.setString(1, path.toString());
      p.setLong(2, jobId);
      p.executeUpdate();
    } catch (SQLException e) {
      throw fail("record the new place of a file", e);
    }
  }

  @Override
  public synchronized void updateDetails(long jobId, SermonDetails d) throws JournalException {
    try (PreparedStatement p =
        db.prepareStatement(
            "UPDATE jobs SET title=?, speaker=?, sermon_date=?, series=? WHERE id=?")) {
      p.setString(1, d.title());
      p.setString(2, d.speaker());
      p.setString(3, d.date() == null ? null : d.date().toString());
      p.setString(4, d.series());
      p.setLong(5, jobId);
      p.executeUpdate();
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
          writeState(jobId, state, message, history == null ? null : history.sha256());
          if (history != null) {
            try (PreparedStatement p =
                db.prepareStatement(
                    "INSERT INTO history (job_id, file_name, key, size, sha256, finished_at, duration_ms,"
                        + " bytes_per_sec, outcome, destination) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
              p.setLong(1, jobId);
              p.setString(2, history.fileName());
              p.setString(3, history.key());
              p.setLong(4, history.size());
              p.setString(5, history.sha256());
              p.setLong(6, history.finishedAt().toEpochMilli());
              p.setLong(7, history.durationMillis());
              p.setDouble(8, history.bytesPerSecond());
              p.setString(9, history.outcome());
              p.setString(10, history.destination());
              p.executeUpdate();
            }
          }
          deleteParts(jobId);
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
    try (PreparedStatement a = db.prepareStatement("DELETE FROM parts WHERE job_id=?");
        PreparedStatement b = db.prepareStatement("DELETE FROM jobs WHERE id=?")) {
      a.setLong(1, jobId);
      a.executeUpdate();
      b.setLong(1, jobId);
      b.executeUpdate();
      JobTimes.forget(db, jobId);
    } catch (SQLException e) {
      throw fail("remove an upload", e);
    }
  }

  @Override
  public synchronized List<JobRecord> jobs() throws JournalException {
    List<JobRecord> out = new ArrayList<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM jobs ORDER BY id")) {
      while (rs.next()) out.add(read(rs));
      return out;
    } catch (SQLException e) {
      throw fail("read the upload list", e);
    }
  }

  @Override
  public synchronized Optional<JobRecord> job(long jobId) throws JournalException {
    try (PreparedStatement p = db.prepareStatement("SELECT * FROM jobs WHERE id = ?")) {
      p.setLong(1, jobId);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
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
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT * FROM jobs WHERE path=? AND state NOT IN ("
                + FINISHED_STATES
                + ")"
                + " ORDER BY id DESC LIMIT 1")) {
      p.setString(1, path.toString());
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw fail("read the upload list", e);
    }
  }

  /** The states of finished jobs, quoted for SQL: one place that says what "finished" is. */
  private static final String FINISHED_STATES =
      java.util.Arrays.stream(JobState.values())
          .filter(JobState::finished)
          .map(st -> "'" + st.name() + "'")
          .collect(java.util.stream.Collectors.joining(","));

  @Override
  public List<HistoryEntry> history() throws JournalException {
    return history(0, Integer.MAX_VALUE);
  }

  @Override
  public synchronized List<HistoryEntry> history(int offset, int limit) throws JournalException {
    List<HistoryEntry> out = new ArrayList<>();
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT * FROM history ORDER BY finished_at DESC, rowid DESC LIMIT ? OFFSET ?")) {
      p.setInt(1, Math.max(0, limit));
      p.setInt(2, Math.max(0, offset));
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) out.add(historyEntry(rs));
      }
      return out;
    } catch (SQLException e) {
      throw fail("read the upload history", e);
    }
  }

  private static HistoryEntry historyEntry(ResultSet rs) throws SQLException {
    return new HistoryEntry(
        rs.getLong("job_id"),
        rs.getString("file_name"),
        rs.getString("key"),
        rs.getLong("size"),
        rs.getString("sha256"),
        Instant.ofEpochMilli(rs.getLong("finished_at")),
        rs.getLong("duration_ms"),
        rs.getDouble("bytes_per_sec"),
        rs.getString("outcome"),
        rs.getString("destination"));
  }

  /**
   * A recording moved to the store {@code to}: its history lines elsewhere ({@code fromKey} with
   * {@code size} bytes) now say where it is, and the line of the move itself ({@code moveJobId}'s)
   * goes: one recording, one line, with the time it was first sent. Returns how many lines now say
   * so.
   */
  public synchronized int historyMoved(
      String fromKey, long size, String toKey, String to, long moveJobId) throws JournalException {
    int[] updated = {0};
    inTransaction(
        "record a moved recording",
        false,
        () -> {
          try (PreparedStatement u =
              db.prepareStatement(
                  "UPDATE history SET key=?, destination=? WHERE key=? AND size=?"
                      + " AND destination<>? AND job_id<>?")) {
            u.setString(1, toKey);
            u.setString(2, to);
            u.setString(3, fromKey);
            u.setLong(4, size);
            u.setString(5, to);
            u.setLong(6, moveJobId);
            updated[0] = u.executeUpdate();
          }
          if (updated[0] == 0) return; // no older line: the move's own is the recording's line
          try (PreparedStatement d = db.prepareStatement("DELETE FROM history WHERE job_id=?")) {
            d.setLong(1, moveJobId);
            d.executeUpdate();
          }
        });
    return updated[0];
  }

  /** The SHA-256 this station recorded for an object it uploaded to {@code key}, if any. */
  @Override
  public synchronized Optional<String> recordedSha256(String key, long size)
      throws JournalException {
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT sha256 FROM history WHERE key=? AND size=? AND sha256 IS NOT NULL"
                + " ORDER BY finished_at DESC, rowid DESC LIMIT 1")) {
      p.setString(1, key);
      p.setLong(2, size);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw fail("read the upload history", e);
    }
  }

  static JobRecord read(ResultSet rs) throws SQLException {
    String date = rs.getString("sermon_date");
    SermonDetails d =
        new SermonDetails(
            rs.getString("title"),
            rs.getString("speaker"),
            date == null ? null : LocalDate.parse(date),
            rs.getString("series"));
    return new JobRecord(
        rs.getLong("id"),
        Path.of(rs.getString("path")),
        rs.getLong("size"),
        rs.getLong("mtime"),
        rs.getString("key"),
        rs.getString("upload_id"),
        rs.getLong("part_size"),
        JobState.valueOf(rs.getString("state")),
        rs.getString("message"),
        rs.getString("sha256"),
        d,
        Instant.ofEpochMilli(rs.getLong("created_at")));
  }

  private interface Work {
    void run() throws SQLException, JournalException;
  }

  /**
   * Runs {@code work} as one transaction: on a database error none of it stays. A {@code lazy} one
   * does not wait for the disk (see the class comment); the others wait until it holds them.
   */
  private void inTransaction(String what, boolean lazy, Work work) throws JournalException {
    try {
      if (lazy) synchronous("NORMAL");
      db.setAutoCommit(false);
      work.run();
      db.commit();
    } catch (SQLException e) {
      rollbackQuietly();
      throw fail(what, e);
    } finally {
      autoCommitQuietly();
      if (lazy) durableAgain();
    }
  }

  private void synchronous(String level) throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute("PRAGMA synchronous=" + level);
    }
  }

  private void durableAgain() {
    try {
      synchronous("FULL");
    } catch (SQLException e) {
      // every later write would skip the wait for the disk: nothing may be written that way
      log.error("Could not make the journal wait for the disk again; closing it", e);
      close();
    }
  }

  private void deleteParts(long jobId) throws SQLException {
    try (PreparedStatement p = db.prepareStatement("DELETE FROM parts WHERE job_id=?")) {
      p.setLong(1, jobId);
      p.executeUpdate();
    }
  }

  private JournalException fail(String what, SQLException e) {
    String hint =
        e.getMessage() != null && e.getMessage().contains("FULL")
            ? "The disk is full: the upload journal could not " + what + "."
            : "The upload journal could not " + what + ".";
    return new JournalException(hint + " (" + e.getMessage() + ")", e);
  }

  private void rollbackQuietly() {
    try {
      db.rollback();
    } catch (SQLException ignored) {
      // the original error is what matters
    }
  }

  private void autoCommitQuietly() {
    try {
      db.setAutoCommit(true);
    } catch (SQLException e) {
      log.warn("Could not restore autocommit on the journal: {}", e.getMessage());
    }
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      log.warn("Closing the journal failed: {}", e.getMessage());
    }
  }
}
