package org.sermonuploader.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.sermonuploader.config.OwnerOnly;
import org.sermonuploader.engine.JournalException;
import org.sermonuploader.model.JobRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A journal that would not open: left as it is unless SQLite calls it corrupt, else moved aside and
 * replaced by a fresh one holding the unfinished uploads that could still be read from it.
 */
final class DamagedJournal {
  private static final Logger log = LoggerFactory.getLogger(DamagedJournal.class);

  private DamagedJournal() {}

  /** Decides what {@code first}, the error opening {@code file}, means, and acts on it. */
  static Journal setAside(Path dataDir, Path file, Exception first) throws JournalException {
    // a database library that can't load makes every file look damaged: leave the journal alone
    requireWorkingDriver(first);
    // only a file SQLite calls corrupt is damaged: a full disk, an I/O error, a lock or a
    // permission leaves a healthy journal, with its unfinished uploads, exactly as it is
    if (first instanceof SQLException sql && !JournalNotOpenedException.corrupt(sql)) {
      log.warn("Journal {} could not be opened; left as it is", file, first);
      throw JournalNotOpenedException.becauseOf(dataDir, file, sql);
    }
    log.warn("Journal {} is damaged or unknown ({}); moving it aside", file, first.getMessage());
    Path aside = file.resolveSibling(Journal.FILE_NAME + ".damaged-" + System.currentTimeMillis());
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
              JournalConnection.open(file),
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
          "The upload journal " + file + " is damaged and could not be replaced: " + e.getMessage(),
          e);
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
}
