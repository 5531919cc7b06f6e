package org.sermonuploader.bandwidth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SendThrottleTest {

  /** Takes {@code total} bytes in {@code piece}-byte wants; returns the seconds it took. */
  private static double send(SendThrottle t, long total, int piece) throws InterruptedIOException {
    long start = System.nanoTime();
    for (long done = 0; done < total; ) done += t.take((int) Math.min(piece, total - done));
    return (System.nanoTime() - start) / 1e9;
  }

  @Test
  void fourSendersShareOneLimit() throws Exception {
    long rate = 1L << 20;
    SendThrottle t = new SendThrottle(() -> rate);
    List<Thread> senders = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < 4; i++) {
      Thread s =
          new Thread(
              () -> {
                try {
                  send(t, 512L << 10, 8192);
                } catch (InterruptedIOException e) {
                  throw new IllegalStateException(e);
                }
              });
      s.start();
      senders.add(s);
    }
    for (Thread s : senders) s.join();
    double seconds = (System.nanoTime() - start) / 1e9;
    // 2 MiB at 1 MiB/s, less the first slice the bucket may hold
    assertTrue(seconds > 1.8 && seconds < 2.6, "took " + seconds + " s");
  }

  @Test
  void aGrantIsAtMostATenthOfASecondsWorth() throws Exception {
    SendThrottle t = new SendThrottle(() -> 100_000);
    Thread.sleep(300);
    assertEquals(10_000, t.take(64 << 10));
  }

  @Test
  void aNewRateBitesWithinASlice() throws Exception {
    AtomicLong rate = new AtomicLong(1024);
    SendThrottle t = new SendThrottle(rate::get);
    t.take(1024);
    Thread waiter =
        new Thread(
            () -> {
              try {
                send(t, 8L << 20, 65536);
              } catch (InterruptedIOException e) {
                throw new IllegalStateException(e);
              }
            });
    waiter.start();
    rate.set(0); // full speed: 8 MiB would take over two hours at 1 KiB/s
    waiter.join(5_000);
    assertTrue(!waiter.isAlive(), "still throttled after the limit was lifted");
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
