package org.sermonuploader.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sermonuploader.engine.JobClaim;
import org.sermonuploader.engine.JournalException;

/**
 * Claims on jobs shared by every process using one data folder: an exclusive lock on the byte of
 * {@value #FILE_NAME} at the job's id. Two processes (the window and an {@code upload}, or an
 * {@code upload} and a {@code resume}) then never run one job at once, so its parts are sent once
 * and it gets one history line. The operating system drops the locks of a process that ends, even
 * after a kill -9, so a crash never leaves a job claimed.
 *
 * <p>One channel per folder stays open while this process holds a claim there: on Linux, closing
 * any channel of the file would drop every lock the process has on it.
 */
final class JobClaims {
  static final String FILE_NAME = "jobs.lock";

  // engines in one process (tests open several) see each other's claims here, not in the OS
  private static final Map<Path, Folder> FOLDERS = new HashMap<>();

  private static final class Folder {
    final FileChannel channel;
    final Map<Long, FileLock> held = new HashMap<>();
    final Set<Long> claimed = new HashSet<>();

    Folder(FileChannel channel) {
      this.channel = channel;
    }
  }

  private JobClaims() {}

  static Optional<JobClaim> claim(Path dataDir, long jobId) throws JournalException {
    Path file = dataDir.toAbsolutePath().normalize().resolve(FILE_NAME);
    synchronized (FOLDERS) {
      Folder folder = FOLDERS.get(file);
      try {
        if (folder == null) {
          folder =
              new Folder(
                  FileChannel.open(
                      file,
                      StandardOpenOption.CREATE,
                      StandardOpenOption.READ,
                      StandardOpenOption.WRITE));
          FOLDERS.put(file, folder);
        }
        if (folder.claimed.contains(jobId)) return Optional.empty();
        FileLock lock = folder.channel.tryLock(jobId, 1, false);
        if (lock == null) {
          closeIfUnused(file, folder);
          return Optional.empty();
        }
        folder.held.put(jobId, lock);
        folder.claimed.add(jobId);
      } catch (IOException e) {
        if (folder != null) closeIfUnused(file, folder);
        throw new JournalException("Could not mark the upload as being worked on in " + dataDir, e);
      }
      Folder in = folder;
      return Optional.of(() -> release(file, in, jobId));
    }
  }

  /**
   * Whether a run holds the job's claim now, in this process or another. Only asks: a free claim is
   * not taken. A row whose journal state says uploading but that no run holds was left by a process
   * that ended without tidying up.
   */
  static boolean held(Path dataDir, long jobId) throws JournalException {
    Path file = dataDir.toAbsolutePath().normalize().resolve(FILE_NAME);
    synchronized (FOLDERS) {
      Folder folder = FOLDERS.get(file);
      if (folder != null && folder.claimed.contains(jobId)) return true;
      if (!java.nio.file.Files.exists(file)) return false;
      try {
        // this process's own channel when it has one: closing another would drop its locks
        FileChannel channel =
            folder != null ? folder.channel : FileChannel.open(file, StandardOpenOption.WRITE);
        try {
          FileLock lock = channel.tryLock(jobId, 1, false);
          if (lock == null) return true;
          lock.release();
          return false;
        } finally {
          if (folder == null) channel.close();
        }
      } catch (IOException e) {
        throw new JournalException("Could not tell whether the upload is being worked on", e);
      }
    }
  }

  private static void release(Path file, Folder folder, long jobId) {
    synchronized (FOLDERS) {
      if (!folder.claimed.remove(jobId)) return;
      FileLock lock = folder.held.remove(jobId);
      try {
        if (lock != null) lock.release();
      } catch (IOException e) {
        // the channel closes below when nothing else is held, which drops the lock as well
      }
      closeIfUnused(file, folder);
    }
  }

  private static void closeIfUnused(Path file, Folder folder) {
    if (!folder.claimed.isEmpty()) return;
    FOLDERS.remove(file);
    try {
      folder.channel.close();
    } catch (IOException e) {
      // nothing is held on it
    }
  }
}
