package org.sermonuploader.journal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.sermonuploader.model.JobRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What can still be read from a damaged journal before it is moved aside. */
final class JournalSalvage {
  private static final Logger log = LoggerFactory.getLogger(JournalSalvage.class);

  private JournalSalvage() {}

  /** The unfinished jobs of a damaged journal, row by row; never throws. */
  static List<JobRecord> unfinishedJobs(Path file) {
    List<JobRecord> out = new ArrayList<>();
    if (!Files.exists(file)) return out;
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:file:" + file.toAbsolutePath() + "?mode=ro");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM jobs")) {
      while (rs.next()) {
        try {
          JobRecord r = JobRows.read(rs);
          if (!r.state().finished()) out.add(r);
        } catch (SQLException | RuntimeException rowError) {
          log.warn("Skipping an unreadable journal row: {}", rowError.getMessage());
        }
      }
    } catch (SQLException | RuntimeException e) {
      log.warn("Nothing could be recovered from the damaged journal: {}", e.getMessage());
    }
    return out;
  }
}
