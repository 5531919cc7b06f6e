package org.sermonuploader.engine;

import java.nio.file.Path;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Tells when a recording has ended. Once a writer was seen holding the file open, the recording
 * ends when no writer has it open any more and its size has stayed the same for {@link
 * #STEADY_MILLIS}: seconds after the recorder closes it. Where no writer was ever seen (another
 * system, a share, a recorder run by another user), or a recorder crashed or hung and left a file
 * that no longer grows, it ends after the quiet time without change.
 */
final class RecordingEnd {
  static final long STEADY_MILLIS = 2_000;

  private final Path file;
  private final long quietMillis;
  private final LongSupplier clock;
  private final Predicate<Path> writers;
  private boolean writerSeen;
  private long size = -1;
  private long mtime = -1;
  private long changedAt;

  RecordingEnd(Path file, long quietMillis, LongSupplier clock, Predicate<Path> writers) {
    this.file = file;
    this.quietMillis = quietMillis;
    this.clock = clock;
    this.writers = writers;
  }

  /** Whether the recording has ended, given the size and mtime just read. */
  boolean ended(long nowSize, long nowMtime) {
    long now = clock.getAsLong();
    if (nowSize != size || nowMtime != mtime) {
      // the first look counts the file's own time: a recording that ended long ago is not waited on
      changedAt = size < 0 ? Math.min(now, nowMtime) : now;
      size = nowSize;
      mtime = nowMtime;
    }
    boolean writing = writers.test(file);
    if (writing) writerSeen = true;
    long steady = now - changedAt;
    if (writerSeen && !writing && steady >= STEADY_MILLIS) return true;
    // a recorder that hangs with the file open, or one no scan can see, stops making it grow
    return steady >= quietMillis;
  }

  /**
   * Whether the file is being recorded now: a process holds it open for writing. A file that only
   * changed recently (just copied, or written on another computer) is not followed: it goes the
   * ordinary way, once it has stopped growing.
   */
  static boolean recording(Path file) {
    return OpenWriters.heldForWriting(file);
  }

  boolean writerSeen() {
    return writerSeen;
  }
}
