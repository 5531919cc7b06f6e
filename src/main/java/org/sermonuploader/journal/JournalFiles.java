package org.sermonuploader.journal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.config.OwnerOnly;
import org.sermonuploader.engine.JournalException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal's files before SQLite opens them: the folder and files kept to their owner, and a
 * journal this user may not write told apart from a damaged one, so it is never set aside.
 */
final class JournalFiles {
  private static final Logger log = LoggerFactory.getLogger(JournalFiles.class);

  private JournalFiles() {}

  /**
   * Makes the data folder (0700) and an empty journal (0600) when missing, tightens older ones, and
   * throws {@link JournalNotWritableException} when the folder or a journal file can't be written,
   * {@link JournalNotOpenedException} when the disk is full.
   */
  static void prepare(Path dataDir, Path file) throws JournalException {
    try {
      OwnerOnly.folder(dataDir);
    } catch (AccessDeniedException e) {
      throw JournalNotWritableException.of(dataDir, existingParent(dataDir), e);
    } catch (IOException e) {
      throw JournalNotOpenedException.becauseOf(dataDir, e);
    }
    Path blocked = firstUnwritable(dataDir, file);
    if (blocked != null) {
      log.warn("Journal {} can't be written: {} is not writable", file, blocked);
      throw JournalNotWritableException.of(dataDir, blocked, null);
    }
    for (Path f : List.of(file, side(file, "-wal"), side(file, "-shm"))) {
      if (!OwnerOnly.tighten(f)) log.warn("Could not keep {} to its owner", f);
    }
    try {
      OwnerOnly.file(file); // SQLite gives the -wal and -shm files the journal's own mode
    } catch (IOException e) {
      if (JournalNotOpenedException.fullDisk(dataDir, e)) {
        throw JournalNotOpenedException.diskFull(dataDir, e);
      }
      throw JournalNotWritableException.of(dataDir, file, e);
    }
  }

  /** The journal's companion file, e.g. journal.db-wal. */
  static Path side(Path file, String suffix) {
    return file.resolveSibling(file.getFileName() + suffix);
  }

  /** The folder or journal file this user may not write, or null when all of them can be. */
  private static @Nullable Path firstUnwritable(Path dataDir, Path file) {
    if (!Files.isWritable(dataDir)) return dataDir;
    for (Path f : List.of(file, side(file, "-wal"), side(file, "-shm"))) {
      if (Files.exists(f) && !Files.isWritable(f)) return f;
    }
    return null;
  }

  private static Path existingParent(Path dir) {
    Path p = dir.toAbsolutePath();
    while (p.getParent() != null && !Files.exists(p)) p = p.getParent();
    return p;
  }
}
