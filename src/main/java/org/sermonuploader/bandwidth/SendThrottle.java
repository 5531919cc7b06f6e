package org.sermonuploader.bandwidth;

import java.io.InterruptedIOException;
import java.util.function.LongSupplier;

/**
 * A token bucket shared by every sender, so the limit caps the sum of all parts in flight and all
 * files. Bytes are granted in slices of at most a tenth of a second's worth, so sending is smooth
 * (no burst of a whole part followed by a long silence that a server's idle timeout could take for
 * a dead connection) and a new rate takes effect within a slice.
 */
public final class SendThrottle {
  private static final long SLICE_NANOS = 100_000_000L;
  private static final long SECOND_NANOS = 1_000_000_000L;
  private static final int MIN_GRANT = 1024;

  private final LongSupplier bytesPerSecond;
  private final Pacing pacing;
  private double tokens;
  private long filledAt;
  // the rate is asked once per slice, not per read: reading the timetable costs a clock and a
  // lookup, and a part is read in thousands of small pieces
  private long rate;
  private long rateAskedAt;
  // without a limit, senders pass without taking the lock: two parts in flight would otherwise
  // contend for it on every read of a few kilobytes
  private volatile long unlimitedSince = Long.MIN_VALUE;

  /** {@code bytesPerSecond} is asked again at every slice; 0 or less means no limit. */
  public SendThrottle(LongSupplier bytesPerSecond) {
    this(bytesPerSecond, Pacing.SYSTEM);
  }

  /** The same, reading the time and waiting through {@code pacing}. */
  SendThrottle(LongSupplier bytesPerSecond, Pacing pacing) {
    this.bytesPerSecond = bytesPerSecond;
    this.pacing = pacing;
    this.filledAt = pacing.nanoTime();
    this.rateAskedAt = filledAt - SLICE_NANOS;
  }

  /** Where the throttle reads the time and how it waits: the system's, or a test's own clock. */
  interface Pacing {
    Pacing SYSTEM =
        new Pacing() {
          @Override
          public long nanoTime() {
            return System.nanoTime();
          }

          @Override
          @SuppressWarnings("WaitNotInLoop") // takeLocked() loops, checking the tokens again
          public void waitOn(Object lock, long millis) throws InterruptedException {
            lock.wait(millis);
          }
        };

    long nanoTime();

    /**
     * Waits up to {@code millis} on {@code lock}, whose monitor the caller holds; wait(), not
     * sleep(), so that other senders take their turn meanwhile.
     */
    void waitOn(Object lock, long millis) throws InterruptedException;
  }

  /**
   * Waits until some of {@code wanted} bytes may be sent and returns how many (at least one, at
   * most {@code wanted}). Throws {@link InterruptedIOException} when the sender is stopped.
   */
  public int take(int wanted) throws InterruptedIOException {
    if (wanted <= 0) return 0;
    long since = unlimitedSince;
    if (since != Long.MIN_VALUE && pacing.nanoTime() - since < SLICE_NANOS) return wanted;
    return takeLocked(wanted);
  }

  private synchronized int takeLocked(int wanted) throws InterruptedIOException {
    while (true) {
      long now = pacing.nanoTime();
      if (now - rateAskedAt >= SLICE_NANOS) {
        rate = bytesPerSecond.getAsLong();
        rateAskedAt = now;
      }
      if (rate <= 0) {
        tokens = 0;
        filledAt = now;
        unlimitedSince = rateAskedAt;
        return wanted;
      }
      unlimitedSince = Long.MIN_VALUE;
      double slice = Math.max(MIN_GRANT, rate * (double) SLICE_NANOS / SECOND_NANOS);
      tokens = Math.min(slice, tokens + (now - filledAt) * (double) rate / SECOND_NANOS);
      filledAt = now;
      int need = (int) Math.min(wanted, Math.min(slice, MIN_GRANT));
      if (tokens >= need) {
        int grant = (int) Math.min(wanted, Math.floor(tokens));
        tokens -= grant;
        return grant;
      }
      long waitNanos =
          Math.min(SLICE_NANOS, (long) Math.ceil((need - tokens) * SECOND_NANOS / rate));
      try {
        pacing.waitOn(this, Math.max(1, (waitNanos + 999_999) / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("stopped while waiting for the bandwidth limit");
      }
    }
  }
}
