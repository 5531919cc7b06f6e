package org.sermonuploader.journal;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import org.sermonuploader.model.JobRecord;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.SermonDetails;

/** A job as a row of the jobs table, both ways. */
final class JobRows {
  private JobRows() {}

  static long insert(JournalConnection db, JobRecord r) throws SQLException {
    String sql =
        "INSERT INTO jobs (path, size, mtime, key, upload_id, part_size, state, message, sha256,"
            + " title, speaker, sermon_date, series, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    try (PreparedStatement p = db.prepareReturningKeys(sql)) {
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
}
