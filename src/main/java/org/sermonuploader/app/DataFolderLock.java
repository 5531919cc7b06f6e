package org.sermonuploader.app;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Tells whether Sermon Uploader is running on a data folder. Every running service (the window, an
 * upload or resume) holds a shared lock on a file in the folder; a change that must not happen
 * under it (cancel) takes the lock exclusively. The operating system drops the lock when the
 * process ends, even after a kill -9, so a crash never leaves the folder looking busy.
 */
public final class DataFolderLock implements AutoCloseable {
  static final String FILE_NAME = "in-use.lock";

  /** A cancel holds the lock for the few seconds one server call takes. */
  private static final long SHARED_PATIENCE_MILLIS = 30_000;

  // a JVM may hold one lock per file: services in one process share it (tests open several)
  private static final Map<Path, Held> HELD = new HashMap<>();

  private static final class Held {
    final FileChannel channel;
    final FileLock lock;
    int users;

    Held(FileChannel channel, FileLock lock) {
      this.channel = channel;
      this.lock = lock;
    }
  }

  private final Path key;
  private boolean closed;

  private DataFolderLock(Path key) {
    this.key = key;
  }

  /**
   * Marks the folder as in use by this process, waiting a little while a cancel finishes.
   *
   * @throws IOException when the lock file can't be made, or a cancel holds the folder too long
   */
  public static DataFolderLock shared(Path dataDir) throws IOException {
    Path key = keyOf(dataDir);
    long deadline = System.currentTimeMillis() + SHARED_PATIENCE_MILLIS;
    while (true) {
      synchronized (HELD) {
        Held held = HELD.get(key);
        if (held == null) held = tryLock(key, true).orElse(null);
        if (held != null && held.lock.isShared()) {
          held.users++;
          HELD.put(key, held);
          return new DataFolderLock(key);
        }
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IOException(
            "Another Sermon Uploader command is changing the upload list in "
                + dataDir
                + "; try again in a moment.");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("Interrupted while waiting for " + dataDir, e);
      }
    }
  }

  /** The folder for this process alone, or empty while Sermon Uploader runs on it anywhere. */
  public static Optional<DataFolderLock> exclusive(Path dataDir) throws IOException {
    Path key = keyOf(dataDir);
    synchronized (HELD) {
      if (HELD.containsKey(key)) return Optional.empty();
      Optional<Held> got = tryLock(key, false);
      if (got.isEmpty()) return Optional.empty();
      got.get().users++;
      HELD.put(key, got.get());
      return Optional.of(new DataFolderLock(key));
    }
  }

  private static Path keyOf(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    return dataDir.toRealPath().resolve(FILE_NAME);
  }

  private static Optional<Held> tryLock(Path file, boolean shared) throws IOException {
    if (!Files.exists(file)
        && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      try {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (java.nio.file.FileAlreadyExistsException raced) {
        // another process made it first: use theirs
      }
    }
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      FileLock lock = channel.tryLock(0, Long.MAX_VALUE, shared);
      if (lock != null) return Optional.of(new Held(channel, lock));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    channel.close();
    return Optional.empty();
  }

  @Override
  public void close() {
    synchronized (HELD) {
      if (closed) return;
      closed = true;
      Held held = HELD.get(key);
      if (held == null || --held.users > 0) return;
      HELD.remove(key);
      try {
        held.channel.close(); // releases the lock
      } catch (IOException e) {
        org.slf4j.LoggerFactory.getLogger(DataFolderLock.class)
            .warn("Could not release {}: {}", key, e.getMessage());
      }
    }
  }
}
