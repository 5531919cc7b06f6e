package org.sermonuploader.concurrent;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's background threads: daemons, so they never keep the app alive after the window or a
 * command is done, named, so a thread dump and the log say whose they are, and with an
 * uncaught-exception handler that logs, so a failure never vanishes with its thread.
 */
public final class Threads {
  private static final Logger log = LoggerFactory.getLogger(Threads.class);

  private Threads() {}

  /** Daemon threads all named {@code name}: for a single thread or a one-thread executor. */
  public static ThreadFactory daemon(String name) {
    return r -> make(r, name);
  }

  /** Daemon threads named {@code prefix-1}, {@code prefix-2}, …: for a pool. */
  public static ThreadFactory numbered(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> make(r, prefix + "-" + n.incrementAndGet());
  }

  /**
   * Runs {@code task} on {@code executor} every {@code period} until the executor is shut down. A
   * failure is logged and the next run still happens (an executor silently drops a periodic task
   * once it throws).
   */
  public static void every(
      ScheduledExecutorService executor, Duration period, String what, Runnable task) {
    Runnable surviving =
        () -> {
          try {
            task.run();
          } catch (RuntimeException e) {
            log.error("{} failed; it runs again at the next interval", what, e);
          }
        };
    long ms = period.toMillis();
    // the task ends only with shutdownNow and keeps its own failures: the future holds nothing
    var unused = executor.scheduleWithFixedDelay(surviving, ms, ms, TimeUnit.MILLISECONDS);
  }

  private static Thread make(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.setUncaughtExceptionHandler((th, e) -> log.error("Uncaught in {}", th.getName(), e));
    return t;
  }
}
