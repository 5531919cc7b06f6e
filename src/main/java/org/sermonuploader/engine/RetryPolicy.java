package org.sermonuploader.engine;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter and no limit on tries: a queued job waits as long as it takes.
 */
public record RetryPolicy(Duration firstDelay, Duration maxDelay) {
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60));

  /** The wait before try number {@code attempt} (1 = the first retry). */
  public Duration delay(int attempt) {
    long base = firstDelay.toMillis();
    long max = maxDelay.toMillis();
    long ceiling = attempt >= 30 ? max : Math.min(max, base << Math.max(0, attempt - 1));
    // "equal jitter": at least half the ceiling, so waits still grow, but clients spread out
    long half = ceiling / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
  }
}
