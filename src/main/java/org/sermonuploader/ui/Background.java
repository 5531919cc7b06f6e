package org.sermonuploader.ui;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the window's slow work runs (engine calls, file reads, settings writes): never on the FX
 * thread. Tests may run it in place with {@link #direct()}.
 */
public interface Background {
  void run(Runnable work);

  /** A small pool of named daemon threads; errors go to the log instead of vanishing. */
  static Background pool(String name, int threads) {
    Logger log = LoggerFactory.getLogger(Background.class);
    ExecutorService pool = Executors.newFixedThreadPool(threads, daemons(name));
    return work ->
        pool.execute(
            () -> {
              try {
                work.run();
              } catch (RuntimeException e) {
                log.error("Background work failed", e);
              }
            });
  }

  /**
   * One task after the other on {@code on}, in the order given: what a volunteer does in a row
   * (Pause all, then Resume all) must not overtake itself on a pool of several threads.
   */
  static Background inOrder(Background on) {
    Logger log = LoggerFactory.getLogger(Background.class);
    ConcurrentLinkedQueue<Runnable> waiting = new ConcurrentLinkedQueue<>();
    AtomicBoolean draining = new AtomicBoolean();
    Runnable drain =
        new Runnable() {
          @Override
          public void run() {
            Runnable next;
            while ((next = waiting.poll()) != null) {
              try {
                next.run();
              } catch (RuntimeException e) {
                log.error("Background work failed", e);
              }
            }
            draining.set(false);
            // a task added after the last poll and before the flag fell is not left behind
            if (!waiting.isEmpty() && draining.compareAndSet(false, true)) on.run(this);
          }
        };
    return work -> {
      waiting.add(work);
      if (draining.compareAndSet(false, true)) on.run(drain);
    };
  }

  static Background direct() {
    return Runnable::run;
  }

  /**
   * Daemon threads named {@code name-1}, {@code name-2}, …: they never keep the app open after the
   * window closed, and a thread dump says whose they are.
   */
  static ThreadFactory daemons(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
