package org.sermonuploader.engine;

import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * Bytes per second over the last few seconds, for rate and time-left figures. A job that has moved
 * nothing for a second has no rate: a server that stopped answering must not show as the speed it
 * had.
 */
final class RateMeter {
  private static final long WINDOW_NANOS = 5_000_000_000L;
  private static final long STALLED_NANOS = 1_000_000_000L;
  // made on the first sample: a queued job that has not started keeps no buffer
  private @Nullable ArrayDeque<long[]> samples;
  private long lastMoved;

  synchronized void record(long nanos, long totalBytes) {
    ArrayDeque<long[]> samples = this.samples;
    if (samples == null) samples = this.samples = new ArrayDeque<>(4);
    long[] last = samples.peekLast();
    if (last == null || totalBytes != last[1]) lastMoved = nanos;
    samples.addLast(new long[] {nanos, totalBytes});
    while (samples.size() > 2 && nanos - samples.peekFirst()[0] > WINDOW_NANOS)
      samples.removeFirst();
  }

  synchronized double bytesPerSecond() {
    ArrayDeque<long[]> samples = this.samples;
    if (samples == null || samples.size() < 2) return 0;
    long[] first = samples.peekFirst();
    long[] last = samples.peekLast();
    if (last[0] - lastMoved >= STALLED_NANOS) return 0;
    long dt = last[0] - first[0];
    return dt <= 0 ? 0 : (last[1] - first[1]) * 1e9 / dt;
  }

  synchronized void reset() {
    samples = null;
  }
}
