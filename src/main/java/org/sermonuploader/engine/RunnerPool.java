package org.sermonuploader.engine;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.concurrent.Threads;
import org.sermonuploader.memory.PressureGate;
import org.sermonuploader.model.JobState;

/**
 * The runner threads that drain the queue, one job each at a time: a job is held by one runner
 * only, a file larger than one part waits for one of the large runs, small ones for the memory
 * gate, and a run that ran out of memory goes to {@link MemoryRecovery}.
 */
final class RunnerPool {
  /**
   * Files below one part sent at once. Each holds one send buffer of {@link FilePart#SCRATCH}, so
   * eight need 2 MiB, less than the part buffers of one large file; each spends most of its time
   * waiting for the server's answers, which eight overlap better than four (docs/benchmarks.md).
   */
  static final int SMALL_FILES_AT_ONCE = 8;

  private final EngineOptions options;
  private final RunControl control;
  private final JobLedger ledger;
  private final JobRunner runner;
  private final MemoryRecovery recovery;
  private final PressureGate gate;
  private final LinkedBlockingDeque<UploadJob> queue;

  /** The jobs a runner has now: only these move on a progress tick. */
  private final Set<UploadJob> inRun;

  /** Files larger than one part: at most this many run at once (each holds part buffers). */
  private final Semaphore largeRuns;

  private final ExecutorService threads;

  /** Test hook: runs first in every run, on the runner's thread (may throw, e.g. out of memory). */
  volatile @Nullable Consumer<Path> beforeRun;

  RunnerPool(
      EngineOptions options,
      RunControl control,
      JobLedger ledger,
      JobRunner runner,
      MemoryRecovery recovery,
      PressureGate gate,
      LinkedBlockingDeque<UploadJob> queue,
      Set<UploadJob> inRun) {
    this.options = options;
    this.control = control;
    this.ledger = ledger;
    this.runner = runner;
    this.recovery = recovery;
    this.gate = gate;
    this.queue = queue;
    this.inRun = inRun;
    this.largeRuns = new Semaphore(options.maxConcurrentUploads());
    this.threads = Executors.newFixedThreadPool(runnerCount(), Threads.numbered("upload-runner"));
  }

  private int runnerCount() {
    return Math.max(options.maxConcurrentUploads(), SMALL_FILES_AT_ONCE);
  }

  void start() {
    // execute, not submit: a runner that dies is logged by its thread's handler
    for (int i = 0; i < runnerCount(); i++) threads.execute(this::runnerLoop);
  }

  private void runnerLoop() {
    while (!control.closing()) {
      UploadJob job;
      try {
        job = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (!hold(job)) continue;
      try {
        recovery.awaitRecovered();
        runOne(job);
      } catch (InterruptedException e) {
        return;
      } catch (OutOfMemoryError e) {
        // still held: no other runner takes the job up before the recovery has put it back
        recovery.outOfMemory(job, e);
      } finally {
        letGo(job);
      }
    }
  }

  /**
   * Whether this runner takes the job: it is queued and no other runner holds it. A job may sit in
   * the queue more than once (queued again while a runner held it); only one runner runs it.
   */
  private static boolean hold(UploadJob job) {
    synchronized (job) {
      if (job.state != JobState.QUEUED || job.running) return false;
      job.running = true;
      return true;
    }
  }

  /**
   * The runner is done with the job. A job queued while it was held goes back to the queue, and so
   * does one whose run ended on a pause that Resume took back meanwhile: nobody else would queue
   * it.
   */
  private void letGo(UploadJob job) {
    boolean again;
    boolean resumed;
    synchronized (job) {
      job.running = false;
      resumed =
          job.state == JobState.PAUSED
              && job.requested() == Requested.NOTHING
              && !control.closing();
      if (resumed) JobLedger.set(job, JobState.QUEUED, null, null);
      again = job.state == JobState.QUEUED && !control.closing();
    }
    if (resumed) ledger.saveCurrent(job);
    if (again) queue.add(job);
  }

  private void runOne(UploadJob job) throws InterruptedException {
    boolean large = job.size > options.partSizeFor(job.size);
    if (large) largeRuns.acquire();
    else awaitSmallSlot(job);
    inRun.add(job);
    try {
      var hook = beforeRun;
      if (hook != null) hook.accept(job.path);
      runner.run(job);
    } finally {
      inRun.remove(job);
      if (large) largeRuns.release();
    }
  }

  /** Under memory pressure fewer small files go at once: the gate lowers the count as for parts. */
  private void awaitSmallSlot(UploadJob job) throws InterruptedException {
    while (!control.closing() && inRun.size() >= gate.partsInFlight(SMALL_FILES_AT_ONCE)) {
      RunControl.sleep(job, 50);
    }
  }

  /** Moves the rate of each job in a run; an uploading row gets every tick. */
  void publishProgress() {
    long now = System.nanoTime();
    for (UploadJob j : inRun) {
      if (j.state != JobState.UPLOADING && j.state != JobState.VERIFYING) continue;
      j.rate.record(now, j.bytesDone());
      // rate and time left move even when no part finished: an uploading row gets every tick
      if (j.state == JobState.UPLOADING) ledger.publish(j);
    }
  }

  void shutdownNow() {
    threads.shutdownNow();
  }

  void awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    threads.awaitTermination(timeout, unit);
  }
}
