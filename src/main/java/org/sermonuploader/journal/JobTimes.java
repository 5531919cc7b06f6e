package org.sermonuploader.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The time each unfinished job's runs have spent uploading, summed across restarts, so the history
 * gives an upload's whole time rather than its last run's. A table of its own: journals written
 * before it get it by being opened (see {@link JournalSchema}), with no change to the jobs table.
 */
final class JobTimes {
  private JobTimes() {}

  /** Adds {@code millis} to the job's total and returns the new total. */
  static long add(JournalConnection db, long jobId, long millis) throws SQLException {
    if (millis > 0) {
      try (PreparedStatement p =
          db.prepare(
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
  static long read(JournalConnection db, long jobId) throws SQLException {
    try (PreparedStatement p = db.prepare("SELECT active_ms FROM job_times WHERE job_id=?")) {
      p.setLong(1, jobId);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  static void forget(JournalConnection db, long jobId) throws SQLException {
    try (PreparedStatement p = db.prepare("DELETE FROM job_times WHERE job_id=?")) {
      p.setLong(1, jobId);
      p.executeUpdate();
    }
  }
}
