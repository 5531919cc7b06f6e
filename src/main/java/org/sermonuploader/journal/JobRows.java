package org.sermonuploader.journal;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.model.JobRecord;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.SermonDetails;

/** The jobs table: a job as a row, both ways, and the changes a job's row goes through. */
final class JobRows {
  /** The states of finished jobs, quoted for SQL: one place that says what "finished" is. */
  private static final String FINISHED_STATES =
      Arrays.stream(JobState.values())
          .filter(JobState::finished)
          .map(st -> "'" + st.name() + "'")
          .collect(Collectors.joining(","));

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

  /** Where the job's upload lives on the server, and the file it was planned for. */
  static void setUpload(
      JournalConnection db,
      long jobId,
      @Nullable String key,
      @Nullable String uploadId,
      long partSize,
      long size,
      long mtime)
      throws SQLException {
    try (PreparedStatement p =
        db.prepare("UPDATE jobs SET key=?, upload_id=?, part_size=?, size=?, mtime=? WHERE id=?")) {
      p.setString(1, key);
      p.setString(2, uploadId);
      p.setLong(3, partSize);
      p.setLong(4, size);
      p.setLong(5, mtime);
      p.setLong(6, jobId);
      p.executeUpdate();
    }
  }

  /** Whether the job has an upload id; true for a job that is not there. */
  static boolean hasUploadId(JournalConnection db, long jobId) throws SQLException {
    try (PreparedStatement p = db.prepare("SELECT upload_id FROM jobs WHERE id=?")) {
      p.setLong(1, jobId);
      try (ResultSet rs = p.executeQuery()) {
        return !rs.next() || rs.getString(1) != null;
      }
    }
  }

  /** The job's state and message; its SHA-256 only when {@code sha256} is not null. */
  static void setState(
      JournalConnection db,
      long jobId,
      JobState state,
      @Nullable String message,
      @Nullable String sha256)
      throws SQLException {
    try (PreparedStatement p =
        db.prepare("UPDATE jobs SET state=?, message=?, sha256=COALESCE(?, sha256) WHERE id=?")) {
      p.setString(1, state.name());
      p.setString(2, message);
      p.setString(3, sha256);
      p.setLong(4, jobId);
      p.executeUpdate();
    }
  }

  static void setPath(JournalConnection db, long jobId, Path path) throws SQLException {
    try (PreparedStatement p = db.prepare("UPDATE jobs SET path=? WHERE id=?")) {
      p.setString(1, path.toString());
      p.setLong(2, jobId);
      p.executeUpdate();
    }
  }

  static void setDetails(JournalConnection db, long jobId, SermonDetails d) throws SQLException {
    try (PreparedStatement p =
        db.prepare("UPDATE jobs SET title=?, speaker=?, sermon_date=?, series=? WHERE id=?")) {
      p.setString(1, d.title());
      p.setString(2, d.speaker());
      p.setString(3, d.date() == null ? null : d.date().toString());
      p.setString(4, d.series());
      p.setLong(5, jobId);
      p.executeUpdate();
    }
  }

  static void delete(JournalConnection db, long jobId) throws SQLException {
    try (PreparedStatement p = db.prepare("DELETE FROM jobs WHERE id=?")) {
      p.setLong(1, jobId);
      p.executeUpdate();
    }
  }

  /** Every job, oldest first. */
  static List<JobRecord> all(JournalConnection db) throws SQLException {
    List<JobRecord> out = new ArrayList<>();
    try (Statement s = db.statement();
        ResultSet rs = s.executeQuery("SELECT * FROM jobs ORDER BY id")) {
      while (rs.next()) out.add(read(rs));
      return out;
    }
  }

  static Optional<JobRecord> byId(JournalConnection db, long jobId) throws SQLException {
    try (PreparedStatement p = db.prepare("SELECT * FROM jobs WHERE id = ?")) {
      p.setLong(1, jobId);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  /** The newest unfinished job of the file at {@code path}. */
  static Optional<JobRecord> unfinishedAt(JournalConnection db, Path path) throws SQLException {
    try (PreparedStatement p =
        db.prepare(
            "SELECT * FROM jobs WHERE path=? AND state NOT IN ("
                + FINISHED_STATES
                + ")"
                + " ORDER BY id DESC LIMIT 1")) {
      p.setString(1, path.toString());
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
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
