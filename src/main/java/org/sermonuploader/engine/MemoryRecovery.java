package org.sermonuploader.engine;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.model.EngineEvent;
import org.sermonuploader.model.JobState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the engine does when Java's heap runs out on one of its threads: no new run starts, the job
 * that hit it goes back to the queue as the journal holds it, the faces are told in plain words,
 * and once the runs in flight have ended and memory was collected the queue carries on. A job that
 * runs out of memory {@value #TRIES_PER_JOB} times fails with the reason rather than loop.
 */
final class MemoryRecovery {
  private static final Logger log = LoggerFactory.getLogger(MemoryRecovery.class);
  static final int TRIES_PER_JOB = 3;

  /** The longest wait for the runs in flight before the queue carries on anyway. */
  private static final long SETTLE_MILLIS = 30_000;

  private final JobLedger ledger;
  private final Set<UploadJob> inRun;
  private final BlockingDeque<UploadJob> queue;
  private final Object lock = new Object();
  private boolean recovering;
  private final AtomicReference<@Nullable EngineEvent> last = new AtomicReference<>();

  MemoryRecovery(JobLedger ledger, Set<UploadJob> inRun, BlockingDeque<UploadJob> queue) {
    this.ledger = ledger;
    this.inRun = inRun;
    this.queue = queue;
  }

  /** The last engine event, for a face that opens after it was published. */
  @Nullable EngineEvent lastEvent() {
    return last.get();
  }

  /** Holds a runner before a new run while the engine recovers. */
  void awaitRecovered() throws InterruptedException {
    synchronized (lock) {
      while (recovering) lock.wait();
    }
  }

  /**
   * A runner's run ended in an OutOfMemoryError (already out of the job's own code: its buffers are
   * unreachable now). Runs on that runner's thread.
   */
  void outOfMemory(UploadJob job, OutOfMemoryError e) {
    if (!begin()) {
      // another runner is recovering already: this job simply goes back to the queue
      requeue(job, e);
      return;
    }
    try {
      log.error("Memory ran out while uploading {}; new uploads wait", job.path, e);
      publish(EngineEvent.Kind.OUT_OF_MEMORY, EngineEvent.OUT_OF_MEMORY_MESSAGE);
      settle();
      requeue(job, e);
    } finally {
      end();
    }
  }

  /** A part sender ran out of memory; its part is retried, the rest of the engine recovers. */
  void noteFromSender(OutOfMemoryError e) {
    if (!begin()) return;
    Thread t =
        new Thread(
            () -> {
              try {
                publish(EngineEvent.Kind.OUT_OF_MEMORY, EngineEvent.OUT_OF_MEMORY_MESSAGE);
                System.gc();
              } finally {
                end();
              }
            },
            "memory-recovery");
    t.setDaemon(true);
    t.start();
  }

  private boolean begin() {
    synchronized (lock) {
      if (recovering) return false;
      recovering = true;
      return true;
    }
  }

  private void end() {
    synchronized (lock) {
      recovering = false;
      lock.notifyAll();
    }
    log.info("Uploads carry on after running out of memory");
    publish(EngineEvent.Kind.RESTARTED, EngineEvent.RESTARTED_MESSAGE);
  }

  /** Lets the runs in flight end (they hold the memory), then asks for a full collection. */
  private void settle() {
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS);
    try {
      while (!inRun.isEmpty() && System.nanoTime() < until) Thread.sleep(50);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    }
    System.gc();
  }

  /** The job continues from what the journal holds, or fails when memory keeps running out. */
  private void requeue(UploadJob job, OutOfMemoryError e) {
    job.streamingBytes.set(0);
    if (job.outOfMemoryTries.incrementAndGet() >= TRIES_PER_JOB) {
      ledger.fail(
          job,
          "The app ran out of memory on this file again and again. Restart the app with more memory"
              + " (see the help on memory).",
          e.toString());
      return;
    }
    ledger.restoreProgress(job);
    ledger.save(job, JobState.QUEUED, "starts again after the app ran out of memory", null);
    queue.addFirst(job);
  }

  private void publish(EngineEvent.Kind kind, String message) {
    EngineEvent event = new EngineEvent(kind, message, Instant.now());
    last.set(event);
    ledger.engineEvent(event);
  }
}
