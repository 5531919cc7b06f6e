package org.sermonuploader.journal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sermonuploader.engine.JournalException;

/**
 * Every table of the journal and how an older file is brought up to date, in one place. Tables
 * added after version 2 (the times of unfinished jobs, the checks) are made when missing, with no
 * change to the tables before them, so an older version of the app still opens the file.
 */
final class JournalSchema {
  static final int VERSION = 2;

  private JournalSchema() {}

  /** Sets the connection up for crash safety, checks the file, and makes or updates the tables. */
  static void setUp(Connection c) throws SQLException, JournalException {
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
      if (version > VERSION) {
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
      // the time each unfinished job's runs have spent uploading (see JobTimes)
      s.execute(
          "CREATE TABLE IF NOT EXISTS job_times (job_id INTEGER PRIMARY KEY,"
              + " active_ms INTEGER NOT NULL)");
      // the last read-back check of each stored recording, and when each check run last ran
      s.execute(
          "CREATE TABLE IF NOT EXISTS checks (key TEXT NOT NULL, destination TEXT NOT NULL,"
              + " outcome TEXT NOT NULL, detail TEXT, checked_at INTEGER NOT NULL,"
              + " PRIMARY KEY (key, destination))");
      s.execute(
          "CREATE TABLE IF NOT EXISTS check_runs (name TEXT PRIMARY KEY, at INTEGER NOT NULL)");
      // adding a file asks for its unfinished job, and a name found taken asks the history: one
      // lookup each, not a pass over every job and every line (2,000 files: two million rows)
      s.execute("CREATE INDEX IF NOT EXISTS jobs_by_path ON jobs (path)");
      s.execute("CREATE INDEX IF NOT EXISTS history_by_key ON history (key, size)");
      s.execute("PRAGMA user_version=" + VERSION);
    }
  }
}
