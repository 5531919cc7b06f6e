package org.sermonuploader.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.sermonuploader.concurrent.Threads;
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
    ExecutorService pool = Executors.newFixedThreadPool(threads, Threads.numbered(name));
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

  static Background direct() {
    return Runnable::run;
  }
}
