package org.sermonuploader.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.bandwidth.Bandwidth;
import org.sermonuploader.bandwidth.SendThrottle;
import org.sermonuploader.concurrent.Threads;
import org.sermonuploader.memory.PressureGate;
import org.sermonuploader.model.EngineEvent;
import org.sermonuploader.model.HistoryEntry;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.SermonDetails;
import org.sermonuploader.model.UploadListener;

/**
 * The upload queue and the face of the engine that drains it: add, pause, resume, cancel, retry,
 * relocate and remove jobs, and listen to them. It hands each request to the part that does it:
 * {@link FileIntake} takes files in, {@link JobControls} pauses, resumes, cancels and retries,
 * {@link FileReturns} brings back jobs whose file went away, {@link JobList} holds the jobs. A
 * {@link JobRunner} runs each job; the {@link JobLedger} records and publishes every change of
 * state.
 */
public final class UploadEngine implements AutoCloseable {
  private final EngineOptions options;
  private final JobStore journal;
  private final Transfer transfer;
  private final JobLedger ledger;
  private final RunControl control = new RunControl();
  private final JobControls controls;
  final RunnerPool runners;
  private final JobList jobs = new JobList();
  private final FileIntake intake;
  private final FileReturns returns;
  private final LiveRunner live;
  private final MemoryRecovery recovery;
  private final ExecutorService senders;
  private final ScheduledExecutorService ticker;
  private final int partsInFlight;
  private boolean started;

  public UploadEngine(
      EngineOptions options, JobStore journal, Transfer transfer, PressureGate gate) {
    this.options = options;
    this.journal = journal;
    this.transfer = transfer;
    this.ledger = new JobLedger(journal, transfer::describeDestination);
    this.partsInFlight = options.partsInFlight();
    PressureGate memory = gate == null ? PressureGate.NEVER_PRESSED : gate;
    SendThrottle throttle = options.bandwidth().throttle();
    this.senders =
        Executors.newFixedThreadPool(
            options.maxConcurrentUploads() * partsInFlight, Threads.numbered("part-sender"));
    this.ticker = Executors.newSingleThreadScheduledExecutor(Threads.daemon("upload-progress"));
    LinkedBlockingDeque<UploadJob> queue = new LinkedBlockingDeque<>();
    Set<UploadJob> inRun = ConcurrentHashMap.newKeySet();
    this.recovery = new MemoryRecovery(ledger, inRun, queue);
    Retrier retrier = new Retrier(options.retry(), ledger, control, transfer::check);
    KeyChooser keys =
        new KeyChooser(options, transfer, ledger, retrier, control, jobs::keyHeldByAnotherJob);
    PartPipeline pipeline =
        new PartPipeline(
            transfer,
            ledger,
            retrier,
            control,
            keys,
            memory,
            senders,
            partsInFlight,
            throttle,
            recovery::noteFromSender);
    JobRunner runner =
        new JobRunner(
            options,
            transfer,
            ledger,
            control,
            retrier,
            keys,
            new SingleRequestSender(transfer, ledger, retrier, control, keys, memory, throttle),
            pipeline,
            new FileWaits(ledger, control));
    this.live = runner.live;
    this.controls = new JobControls(ledger, runner, queue, senders);
    this.runners = new RunnerPool(options, control, ledger, runner, recovery, memory, queue, inRun);
    this.intake = new FileIntake(options, journal, ledger, jobs, queue);
    this.returns = new FileReturns(journal, ledger, control, jobs, queue);
  }

  /** How often jobs waiting for their file look for it again; set before {@link #start()}. */
  public void setFileCheckInterval(Duration interval) {
    returns.setInterval(interval);
  }

  /**
   * Whether recordings still being written are uploaded as they grow; set before {@link #start()}.
   */
  public void setLiveUpload(LiveOptions live) {
    this.live.configure(live);
  }

  /** Whether files still being written are taken now (and followed as they grow). */
  public boolean followsGrowingFiles() {
    return live.following();
  }

  /**
   * Whether a file last modified at {@code mtimeMillis} may still be being written: it then goes up
   * once it stops growing, or as it grows, at whatever size it reaches.
   */
  public static boolean mayStillBeWritten(long mtimeMillis) {
    return System.currentTimeMillis() - mtimeMillis < FileWaits.STILL_WRITTEN_MILLIS;
  }

  /** Parts of one file sent at once (before the memory gate lowers it under pressure). */
  public int partsInFlight() {
    return partsInFlight;
  }

  /** The last event of the whole engine (it ran out of memory, it carried on); empty before one. */
  public Optional<EngineEvent> lastEngineEvent() {
    return Optional.ofNullable(recovery.lastEvent());
  }

  public Transfer transfer() {
    return transfer;
  }

  /** The limit every part is sent under; the window and the status page show and change it. */
  public Bandwidth bandwidth() {
    return options.bandwidth();
  }

  public void addListener(UploadListener listener) {
    ledger.addListener(listener);
  }

  public void removeListener(UploadListener listener) {
    ledger.removeListener(listener);
  }

  /**
   * Loads every job from the journal and starts working; unfinished ones continue by themselves.
   */
  public void start() throws JournalException {
    start(true);
  }

  /**
   * Starts working. With {@code resumeUnfinished} false (the CLI's upload command) only the files
   * added later run; an unfinished job for one of them is picked up again rather than duplicated.
   */
  public synchronized void start(boolean resumeUnfinished) throws JournalException {
    if (started) return;
    started = true;
    intake.load(resumeUnfinished);
    runners.start();
    Threads.every(ticker, options.progressInterval(), "progress tick", runners::publishProgress);
    returns.start();
  }

  /** The result of adding a file: the job, and whether it was new (false: already queued). */
  public record Added(JobSnapshot job, boolean isNew) {}

  /**
   * Queues a file. A file already in the list and not finished is not queued twice. A file the app
   * cannot use still gets a row, failed with the reason, so the volunteer sees why.
   */
  public Added add(Path file, @Nullable SermonDetails details) throws JournalException {
    return intake.add(file, details);
  }

  /**
   * Queues several files as {@link #add} does, but records them in the journal a batch at a time
   * (one wait for the disk per batch, not per file), so a folder of 2,000 recordings neither waits
   * 2,000 times nor holds the journal from the running uploads. The first batch runs while the rest
   * are recorded. {@code refused} hears of each file the journal could not record, with why.
   */
  public List<Added> addAll(
      List<Path> files,
      @Nullable SermonDetails details,
      BiConsumer<Path, JournalException> refused) {
    return intake.addAll(files, details, refused);
  }

  public List<JobSnapshot> jobs() {
    return jobs.snapshots();
  }

  public Optional<JobSnapshot> job(long id) {
    return jobs.snapshot(id);
  }

  /** Changes the optional sermon details; they shape the key only until the upload has started. */
  public void setDetails(long id, SermonDetails details) throws JournalException {
    UploadJob j = jobs.find(id);
    if (j == null) return;
    j.details = details;
    journal.updateDetails(id, details);
    ledger.publish(j);
  }

  /**
   * Pauses a job: parts in flight are cut short (sent again later), the row says "pausing…" until
   * the run has ended. It stays paused across restarts.
   */
  public void pause(long id) {
    UploadJob j = jobs.find(id);
    if (j != null) controls.pause(j);
  }

  /**
   * Takes a pause back. A job a runner still holds is left to that runner: it carries on, or, when
   * its run has already ended on the pause, the runner queues it again.
   */
  public void resume(long id) {
    UploadJob j = jobs.find(id);
    if (j != null) controls.resume(j);
  }

  public void pauseAll() {
    for (JobSnapshot s : jobs()) pause(s.id());
  }

  public void resumeAll() {
    for (JobSnapshot s : jobs()) resume(s.id());
  }

  /** Stops the job at once, cutting its parts in flight, and aborts its upload on the server. */
  public void cancel(long id) {
    UploadJob j = jobs.find(id);
    if (j != null) controls.cancel(j);
  }

  /** Queues a failed or cancelled job again. */
  public void retry(long id) {
    UploadJob j = jobs.find(id);
    if (j != null) controls.retry(j);
  }

  /**
   * Tells a job waiting for its file where the file is now, e.g. a USB stick that came back mounted
   * under another name. Only the same file is taken: same size and modification time (the first
   * part's hash is checked again when the upload continues). Returns true when the job was queued
   * again with the new path.
   */
  public boolean relocate(long id, Path newPath) {
    UploadJob j = jobs.find(id);
    return j != null && returns.relocate(j, newPath);
  }

  /**
   * Removes a finished job from the list (its history stays), also one another engine on this
   * journal finished meanwhile (a move to the server), which this one never held.
   */
  public void remove(long id) throws JournalException {
    UploadJob j = jobs.find(id);
    if (j == null) {
      if (journal.job(id).filter(r -> r.state().finished()).isEmpty()) return;
      journal.remove(id);
      ledger.removed(id);
      return;
    }
    if (!j.state.finished()) return;
    journal.remove(id);
    jobs.remove(j);
    ledger.removed(id);
  }

  /**
   * Waits until no job is queued or running: the rest are finished, paused, or waiting for a USB
   * stick that was pulled. Returns false on timeout.
   */
  public boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
    long start = System.nanoTime();
    long limit = unit.toNanos(timeout);
    while (System.nanoTime() - start < limit) {
      if (!jobs.busy()) return true;
      Thread.sleep(50);
    }
    return false;
  }

  /** The jobs waiting for a USB stick that was pulled (nothing else holds them up). */
  public List<JobSnapshot> waitingForSticks() {
    return jobs.waitingForSticks();
  }

  public List<HistoryEntry> history() throws JournalException {
    return journal.history();
  }

  /** One page of the history, newest first: what the window shows, not the whole of it. */
  public List<HistoryEntry> history(int offset, int limit) throws JournalException {
    return journal.history(offset, limit);
  }

  /**
   * Stops working, as a crash would but tidily: running jobs stay unfinished in the journal and
   * continue on the next start. Parts in flight are not waited for.
   */
  @Override
  public void close() {
    control.close();
    jobs.wakeAll();
    runners.shutdownNow();
    senders.shutdownNow();
    ticker.shutdownNow();
    returns.close();
    try {
      runners.awaitTermination(5, TimeUnit.SECONDS);
      senders.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
