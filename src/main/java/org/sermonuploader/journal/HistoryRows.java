package org.sermonuploader.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.model.HistoryEntry;
import org.sermonuploader.model.UploadOutcome;

/** The history table: a line for each finished upload, newest first. */
final class HistoryRows {
  private HistoryRows() {}

  static void insert(JournalConnection db, long jobId, HistoryEntry history) throws SQLException {
    try (PreparedStatement p =
        db.prepare(
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
      // the words, as every version before stored them: an older version opened after a downgrade
      // still reads its history
      p.setString(9, history.outcome().words());
      p.setString(10, history.destination());
      p.executeUpdate();
    }
  }

  static List<HistoryEntry> page(JournalConnection db, int offset, int limit) throws SQLException {
    List<HistoryEntry> out = new ArrayList<>();
    try (PreparedStatement p =
        db.prepare(
            "SELECT * FROM history ORDER BY finished_at DESC, rowid DESC LIMIT ? OFFSET ?")) {
      p.setInt(1, Math.max(0, limit));
      p.setInt(2, Math.max(0, offset));
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) out.add(entry(rs));
      }
      return out;
    }
  }

  /** The newest SHA-256 recorded for an object uploaded to {@code key} with this size. */
  static Optional<String> recordedSha256(JournalConnection db, String key, long size)
      throws SQLException {
    try (PreparedStatement p =
        db.prepare(
            "SELECT sha256 FROM history WHERE key=? AND size=? AND sha256 IS NOT NULL"
                + " ORDER BY finished_at DESC, rowid DESC LIMIT 1")) {
      p.setString(1, key);
      p.setLong(2, size);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  private static HistoryEntry entry(ResultSet rs) throws SQLException {
    return new HistoryEntry(
        rs.getLong("job_id"),
        rs.getString("file_name"),
        rs.getString("key"),
        rs.getLong("size"),
        rs.getString("sha256"),
        Instant.ofEpochMilli(rs.getLong("finished_at")),
        rs.getLong("duration_ms"),
        rs.getDouble("bytes_per_sec"),
        outcome(rs.getString("outcome")),
        rs.getString("destination"));
  }

  /**
   * The outcome a line was stored with: its words (as every version stores them), or its name.
   * Every line is a recording on the server, so one a newer version wrote with an outcome not known
   * here reads as done.
   */
  static UploadOutcome outcome(@Nullable String stored) {
    for (UploadOutcome o : UploadOutcome.values()) {
      if (o.name().equals(stored) || o.words().equals(stored)) return o;
    }
    return UploadOutcome.DONE;
  }

  /** See {@link Journal#historyMoved}; in the caller's transaction. */
  static int moved(
      JournalConnection db, String fromKey, long size, String toKey, String to, long moveJobId)
      throws SQLException {
    int updated;
    try (PreparedStatement u =
        db.prepare(
            "UPDATE history SET key=?, destination=? WHERE key=? AND size=?"
                + " AND destination<>? AND job_id<>?")) {
      u.setString(1, toKey);
      u.setString(2, to);
      u.setString(3, fromKey);
      u.setLong(4, size);
      u.setString(5, to);
      u.setLong(6, moveJobId);
      updated = u.executeUpdate();
    }
    if (updated == 0) return 0; // no older line: the move's own is the recording's line
    try (PreparedStatement d = db.prepare("DELETE FROM history WHERE job_id=?")) {
      d.setLong(1, moveJobId);
      d.executeUpdate();
    }
    return updated;
  }
}
