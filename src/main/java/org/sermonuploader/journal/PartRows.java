package org.sermonuploader.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import org.sermonuploader.model.PartRecord;

/** The parts table: the parts of an unfinished upload the server has confirmed. */
final class PartRows {
  private PartRows() {}

  /** Keeps the part, replacing an earlier record of the same number. */
  static void record(JournalConnection db, long jobId, PartRecord part) throws SQLException {
    try (PreparedStatement p =
        db.prepare(
            "INSERT OR REPLACE INTO parts (job_id, number, size, crc32c, etag) VALUES (?,?,?,?,?)")) {
      p.setLong(1, jobId);
      p.setInt(2, part.number());
      p.setLong(3, part.size());
      p.setString(4, part.crc32c());
      p.setString(5, part.etag());
      p.executeUpdate();
    }
  }

  /** The job's parts by number. */
  static Map<Integer, PartRecord> of(JournalConnection db, long jobId) throws SQLException {
    Map<Integer, PartRecord> out = new TreeMap<>();
    try (PreparedStatement p =
        db.prepare("SELECT number, size, crc32c, etag FROM parts WHERE job_id=? ORDER BY number")) {
      p.setLong(1, jobId);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.put(
              rs.getInt(1),
              new PartRecord(rs.getInt(1), rs.getLong(2), rs.getString(3), rs.getString(4)));
        }
      }
      return out;
    }
  }

  static void delete(JournalConnection db, long jobId) throws SQLException {
    try (PreparedStatement p = db.prepare("DELETE FROM parts WHERE job_id=?")) {
      p.setLong(1, jobId);
      p.executeUpdate();
    }
  }
}
