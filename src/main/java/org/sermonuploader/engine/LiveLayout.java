package org.sermonuploader.engine;

/**
 * How a recording uploaded while it grows is cut into parts. Part 1 holds the first 5 MiB (the S3
 * minimum) and is sent last, once the recording is finished, because recorders write the header's
 * sizes at the end; keeping it small keeps that last step short. Parts 2 onward are the usual part
 * size and go up as soon as each is full.
 *
 * <p>The journal keeps a live job's part size negated, so a job resumed after a restart is known to
 * have this layout; every other job keeps its positive part size.
 */
record LiveLayout(long partSize, int maxParts) {
  static final long FIRST = EngineOptions.MIN_PART_SIZE;

  LiveLayout {
    if (partSize < FIRST) throw new IllegalArgumentException("part size below 5 MiB");
  }

  /** The layout of a job the journal marks as live ({@link #isLive}). */
  static LiveLayout ofJournal(long journalPartSize, int maxParts) {
    return new LiveLayout(-journalPartSize, maxParts);
  }

  static boolean isLive(long journalPartSize) {
    return journalPartSize < 0;
  }

  long journalPartSize() {
    return -partSize;
  }

  long offset(int n) {
    return n == 1 ? 0 : FIRST + (n - 2) * partSize;
  }

  long length(int n, long size) {
    long room = n == 1 ? FIRST : partSize;
    return Math.max(0, Math.min(room, size - offset(n)));
  }

  int count(long size) {
    if (size <= FIRST) return 1;
    return (int) (1 + (size - FIRST + partSize - 1) / partSize);
  }

  /** Whether part {@code n} (2 or more) is full in a file of {@code size} bytes. */
  boolean full(int n, long size) {
    return offset(n) + partSize <= size;
  }

  /** Whether a finished file of this size fits in S3's part limit with this layout. */
  boolean fits(long size) {
    return count(size) <= maxParts;
  }
}
