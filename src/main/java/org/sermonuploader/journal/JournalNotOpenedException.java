package org.sermonuploader.journal;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.engine.JournalException;

/**
 * The journal could not be opened for a reason outside it: the disk is full, the disk reported an
 * error, another program holds it, or this user may not write it. It is not damaged as far as
 * anyone knows, so it is left exactly as it is with its unfinished uploads, and the command stops
 * (a setup problem: CLI exit 2). Only SQLite saying the file is corrupt moves a journal aside.
 */
public class JournalNotOpenedException extends JournalException {
  private static final long serialVersionUID = 1L;

  /** Below this much free space an I/O error while opening is taken for a full disk. */
  static final long NEARLY_FULL_BYTES = 1L << 20;

  JournalNotOpenedException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /** SQLite's primary result codes that say the file itself is not a readable database. */
  static boolean corrupt(SQLException e) {
    int primary = e.getErrorCode() & 0xff;
    return primary == 11 || primary == 26; // SQLITE_CORRUPT, SQLITE_NOTADB
  }

  /** Why a journal SQLite would not open is not its own fault, in plain words naming the cause. */
  static JournalNotOpenedException becauseOf(Path dataDir, Path file, SQLException e) {
    int primary = e.getErrorCode() & 0xff;
    if (primary == 13 || (nearlyFull(dataDir) && (primary == 10 || primary == 14))) {
      return diskFull(dataDir, e); // SQLITE_FULL; an I/O error or no new file on a full disk
    }
    if (primary == 3 || primary == 8 || primary == 14) {
      return JournalNotWritableException.of(dataDir, file, e); // PERM, READONLY, CANTOPEN
    }
    String why =
        switch (primary) {
          case 5, 6 -> "another program holds it locked"; // SQLITE_BUSY, SQLITE_LOCKED
          case 10 -> "the disk reported an error reading or writing it";
          default -> "SQLite could not open it";
        };
    return new JournalNotOpenedException(
        "The upload journal "
            + file
            + " could not be opened: "
            + why
            + " ("
            + e.getMessage()
            + "). It was left as it is, with its unfinished uploads; run the command again once"
            + " that is fixed.",
        e);
  }

  /** The data folder could not be made or written for a reason other than permissions. */
  static JournalNotOpenedException becauseOf(Path dataDir, IOException e) {
    if (fullDisk(dataDir, e)) return diskFull(dataDir, e);
    return new JournalNotOpenedException(
        "Cannot create the data folder " + dataDir + ": " + e.getMessage(), e);
  }

  static JournalNotOpenedException diskFull(Path dataDir, @Nullable Throwable cause) {
    long free = freeBytes(dataDir);
    return new JournalNotOpenedException(
        "The disk holding "
            + dataDir
            + " is full ("
            + (free < 0 ? "?" : Long.toString(free / 1_000_000))
            + " MB free); free some space and run it again. The upload journal was left as it is,"
            + " with its unfinished uploads.",
        cause);
  }

  /** Whether a file error came from a full disk (or one about to be). */
  static boolean fullDisk(Path dataDir, IOException e) {
    return nearlyFull(dataDir)
        || (e instanceof FileSystemException fse
            && fse.getReason() != null
            && fse.getReason().contains("No space left"));
  }

  static boolean nearlyFull(Path dataDir) {
    long free = freeBytes(dataDir);
    return free >= 0 && free < NEARLY_FULL_BYTES;
  }

  /** Free bytes on the disk holding the folder (or its nearest existing parent); -1 if unknown. */
  static long freeBytes(Path dataDir) {
    Path p = dataDir.toAbsolutePath();
    while (p.getParent() != null && !Files.exists(p)) p = p.getParent();
    try {
      return Files.getFileStore(p).getUsableSpace();
    } catch (IOException e) {
      return -1;
    }
  }
}
