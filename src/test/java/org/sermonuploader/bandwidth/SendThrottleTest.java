package org.sermonuploader.bandwidth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The throttle's waits, read from a clock that moves only when the throttle waits. */
class SendThrottleTest {
  private static final long MILLI = 1_000_000L;

  /** Time that passes only by the throttle's own waits, each of them kept. */
  private static final class FakePacing implements SendThrottle.Pacing {
    long now = 7_000 * MILLI;
    final List<Long> waitsMillis = new ArrayList<>();

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void waitOn(Object lock, long millis) {
      waitsMillis.add(millis);
      now += millis * MILLI;
    }

    long millisSince(long start) {
      return (now - start) / MILLI;
    }
  }

  private final FakePacing clock = new FakePacing();

  /** Takes {@code total} bytes in {@code piece}-byte wants. */
  private static void send(SendThrottle t, long total, int piece) throws InterruptedIOException {
    for (long done = 0; done < total; ) done += t.take((int) Math.min(piece, total - done));
  }

  @Test
  void fourSendersShareOneLimit() throws Exception {
    SendThrottle t = new SendThrottle(() -> 1L << 20, clock);
    long start = clock.now;
    long[] sent = new long[4];
    // four senders take their turns, each wanting 8 KiB at a time, until each has sent 512 KiB
    for (boolean more = true; more; ) {
      more = false;
      for (int i = 0; i < sent.length; i++) {
        if (sent[i] == 512L << 10) continue;
        sent[i] += t.take((int) Math.min(8192, (512L << 10) - sent[i]));
        more = true;
      }
    }
    // 2 MiB at 1 MiB/s: two seconds, give or take the waits' rounding to whole milliseconds
    long took = clock.millisSince(start);
    assertTrue(took >= 2000 && took <= 2002, "took " + took + " ms");
    // smooth: many short waits, never a silence longer than a tenth of a second
    assertTrue(Collections.max(clock.waitsMillis) <= 100, "waited " + clock.waitsMillis);
  }

  @Test
  void aGrantIsAtMostATenthOfASecondsWorth() throws Exception {
    SendThrottle t = new SendThrottle(() -> 100_000, clock);
    clock.now += 300 * MILLI;
    assertEquals(10_000, t.take(64 << 10));
    assertEquals(List.of(), clock.waitsMillis);
  }

  @Test
  void aNewRateBitesWithinASlice() throws Exception {
    AtomicLong rate = new AtomicLong(1024);
    SendThrottle t = new SendThrottle(rate::get, clock);
    t.take(1024);
    long first = clock.millisSince(7_000 * MILLI);
    assertTrue(first >= 1000 && first <= 1002, "1 KiB at 1 KiB/s took " + first + " ms");
    rate.set(0); // full speed: 8 MiB would take over two hours at 1 KiB/s
    long lifted = clock.now;
    send(t, 8L << 20, 65536);
    assertTrue(clock.millisSince(lifted) <= 100, "throttled " + clock.millisSince(lifted) + " ms");
  }

  @Test
  void noLimitGrantsEverything() throws Exception {
    assertEquals(1 << 20, new SendThrottle(() -> 0).take(1 << 20));
  }

  @Test
  void aStoppedSenderStopsWaiting() {
    SendThrottle t = new SendThrottle(() -> 1);
    Thread.currentThread().interrupt();
    assertThrows(InterruptedIOException.class, () -> t.take(4096));
    assertTrue(Thread.interrupted());
  }
}
