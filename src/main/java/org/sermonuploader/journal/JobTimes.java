package org.sermonuploader.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The time each unfinished job's runs have spent uploading, summed across restarts, so the history
 * gives an upload's whole time rather than its last run's. A table of its own: journals written
 * before it get it by being opened, with no change to the jobs table.
 */
final class JobTimes {
  private JobTimes() {}

  static void createTable(Statement s) throws SQLException {
    s.execute(
        "CREATE TABLE IF NOT EXISTS job_times (job_id INTEGER PRIMARY KEY,"
            + " active_ms INTEGER NOT NULL)");
  }

  /** Adds {@code millis} to the job's total and returns the new total. */
  static long add(Connection db, long jobId, long millis) throws SQLException {
    if (millis > 0) {
      try (PreparedStatement p =
          db.prepareStatement(
              "INSERT INTO job_times (job_id, active_ms) VALUES (?,?) ON CONFLICT(job_id)"
                  + " DO UPDATE SET active_ms = active_ms + excluded.active_ms")) {
        p.setLong(1, jobId);
        p.setLong(2, millis);
        p.executeUpdate();
      }
    }
    return read(db, jobId);
  }

  /** The job's total so far. */
  static long read(Connection db, long jobId) throws SQLException {
    try (PreparedStatement p =
        db.prepareStatement("SELECT active_ms FROM job_times WHERE job_id=?")) {
      p.setLong(1, jobId);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  static void forget(Connection db, long jobId) throws SQLException {
    try (PreparedStatement p = db.prepareStatement("DELETE FROM job_times WHERE job_id=?")) {
      p.setLong(1, jobId);
      p.executeUpdate();
    }
  }
}
