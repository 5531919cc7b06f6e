package org.sermonuploader.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Unfinished uploads this computer left on the server and no longer tracks, for a destination that
 * can list them (see {@link Transfer#leftovers}). They hold space on the server until removed.
 */
public interface Leftovers {
  /** An unfinished upload of this computer; {@code due} when it is old enough to be removed. */
  record Leftover(String key, String uploadId, @Nullable Instant initiated, boolean due) {}

  /**
   * This computer's leftovers, and how many other unfinished uploads under the prefix are left
   * alone.
   */
  record Scan(List<Leftover> ours, int othersLeftAlone) {}

  /**
   * Which unfinished uploads count: those under {@code prefix}; removed once older than {@code
   * keepFor}.
   */
  record Policy(String prefix, Duration keepFor, Clock clock) {}

  /** How old a leftover must be before it is removed. */
  Duration keepFor();

  Scan scan(JobStore store) throws UploadException, JournalException;

  /** Removes this computer's leftovers that are due; returns those removed. */
  List<Leftover> removeDue(JobStore store) throws UploadException, JournalException;
}
