package org.sermonuploader;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The tests' one way to wait for something that happens on another thread or process: poll a
 * condition until it holds, and fail naming what never happened. An exception or failed assertion
 * inside the condition (a child process that died meanwhile) ends the wait at once.
 */
public final class Await {
  /** Long enough for a busy machine shared with other builds. */
  public static final Duration PATIENCE = Duration.ofSeconds(60);

  private static final Duration POLL = Duration.ofMillis(10);

  private Await() {}

  /** Waits up to {@link #PATIENCE} until {@code condition} holds. */
  public static void until(String what, Callable<Boolean> condition) {
    until(what, PATIENCE, condition);
  }

  /** Waits up to {@code atMost} until {@code condition} holds. */
  public static void until(String what, Duration atMost, Callable<Boolean> condition) {
    until(what, atMost, condition, Boolean.TRUE::equals);
  }

  /**
   * Reads {@code value} until {@code done} accepts it and returns that value; on time-out the
   * failure says the value last read.
   */
  public static <T> T until(
      String what, Duration atMost, Callable<T> value, Predicate<? super T> done) {
    AtomicReference<T> last = new AtomicReference<>();
    try {
      return Awaitility.await(what)
          .atMost(atMost)
          .pollInterval(POLL)
          .until(
              () -> {
                T v = value.call();
                last.set(v);
                return v;
              },
              done);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(what + ": not within " + atMost + "; last " + last.get(), e);
    }
  }
}
