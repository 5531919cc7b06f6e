package org.sermonuploader.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.concurrent.Threads;
import org.sermonuploader.memory.PressureGate;
import org.sermonuploader.model.EngineEvent;
import org.sermonuploader.model.HistoryEntry;
import org.sermonuploader.model.JobRecord;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.SermonDetails;
import org.sermonuploader.model.UploadListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upload queue and the face of the engine that drains it: add, pause, resume, cancel, retry,
 * relocate and remove jobs, and listen to them. A {@link JobRunner} runs each job; the {@link
 * JobLedger} records and publishes every change of state.
 */
public final class UploadEngine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UploadEngine.class);

  private final EngineOptions options;
  private final JobStore journal;
  private final Transfer transfer;
  private final JobLedger ledger;
  private final RunControl control = new RunControl();
  private final JobRunner runner;
  private final JobControls controls;
  final RunnerPool runners;
  private final Map<Long, UploadJob> jobs = new LinkedHashMap<>();

  /** The newest job of each file: adding a file asks this, not the whole list or the journal. */
  private final Map<Path, UploadJob> byPath = new HashMap<>();

  private final MemoryRecovery recovery;
  private final PressureGate gate;
  private final LinkedBlockingDeque<UploadJob> queue = new LinkedBlockingDeque<>();
  private final ExecutorService senders;
  private final ScheduledExecutorService ticker;
  private final ScheduledExecutorService fileCheck;
  private volatile Duration fileCheckInterval = Duration.ofSeconds(2);
  private final int partsInFlight;
  private boolean started;
  private boolean resumeUnfinished = true;

  public UploadEngine(
      EngineOptions options, JobStore journal, Transfer transfer, PressureGate gate) {
    this.options = options;
    this.journal = journal;
    this.transfer = transfer;
    this.ledger = new JobLedger(journal, transfer::describeDestination);
    this.partsInFlight = options.partsInFlight();
    this.gate = gate == null ? PressureGate.NEVER_PRESSED : gate;
    this.senders =
        Executors.newFixedThreadPool(
            options.maxConcurrentUploads() * partsInFlight, Threads.numbered("part-sender"));
    this.ticker = Executors.newSingleThreadScheduledExecutor(Threads.daemon("upload-progress"));
    // separate from the progress ticker: a stat on a vanishing device may hang for a while
    this.fileCheck = Executors.newSingleThreadScheduledExecutor(Threads.daemon("file-check"));
    Set<UploadJob> inRun = ConcurrentHashMap.newKeySet();
    this.recovery = new MemoryRecovery(ledger, inRun, queue);
    Retrier retrier = new Retrier(options.retry(), ledger, control, transfer::check);
    KeyChooser keys =
        new KeyChooser(options, transfer, ledger, retrier, control, this::keyHeldByAnotherJob);
    PartPipeline pipeline =
        new PartPipeline(
            transfer,
            ledger,
            retrier,
            control,
            keys,
            this.gate,
            senders,
            partsInFlight,
            options.bandwidth().throttle(),
            recovery::noteFromSender);
    this.runner =
        new JobRunner(
            options,
            transfer,
            ledger,
            control,
            retrier,
            keys,
            new SingleRequestSender(
                transfer,
                ledger,
                retrier,
                control,
                keys,
                this.gate,
                options.bandwidth().throttle()),
            pipeline,
            new FileWaits(ledger, control));
    this.controls = new JobControls(ledger, runner, queue, senders);
    this.runners =
        new RunnerPool(options, control, ledger, runner, recovery, this.gate, queue, inRun);
  }

  /** How often jobs waiting for their file look for it again; set before {@link #start()}. */
  public void setFileCheckInterval(Duration interval) {
    this.fileCheckInterval = interval;
  }

  /**
   * Whether recordings still being written are uploaded as they grow; set before {@link #start()}.
   */
  public void setLiveUpload(LiveOptions live) {
    runner.live.configure(live);
  }

  /** Whether files still being written are taken now (and followed as they grow). */
  public boolean followsGrowingFiles() {
    return runner.live.following();
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
  public org.sermonuploader.bandwidth.Bandwidth bandwidth() {
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
    for (JobRecord r : journal.jobs()) {
      if (!resumeUnfinished) continue;
      if (r.state().finished() || r.state() == JobState.PAUSED) {
        UploadJob job =
            new UploadJob(r.id(), r.path(), r.size(), r.mtimeMillis(), r.state(), r.details());
        job.key = r.key();
        job.uploadId = r.uploadId();
        job.partSize = r.partSize();
        job.message = r.message();
        job.sha256 = r.sha256();
        if (r.state().succeeded()) job.confirmedBytes.set(r.size());
        else ledger.restoreProgress(job);
        track(job);
      } else {
        adopt(r);
      }
    }
    this.resumeUnfinished = resumeUnfinished;
    runners.start();
    Threads.every(ticker, options.progressInterval(), "progress tick", runners::publishProgress);
    Threads.every(fileCheck, fileCheckInterval, "file check", this::checkWaitingFiles);
  }

  /** The result of adding a file: the job, and whether it was new (false: already queued). */
  public record Added(JobSnapshot job, boolean isNew) {}

  /**
   * Queues a file. A file already in the list and not finished is not queued twice. A file the app
   * cannot use still gets a row, failed with the reason, so the volunteer sees why.
   */
  public Added add(Path file, @Nullable SermonDetails details) throws JournalException {
    Object looked = look(file, details);
    if (looked instanceof Added known) return known;
    return enter(List.of((JobRecord) looked)).get(0);
  }

  /** Files given together are recorded this many at a time, each batch in one transaction. */
  static final int FILES_PER_TRANSACTION = 64;

  /**
   * Queues several files as {@link #add} does, but records them in the journal a batch at a time
   * (one wait for the disk per batch, not per file), so a folder of 2,000 recordings neither waits
   * 2,000 times nor holds the journal from the running uploads. The first batch runs while the rest
   * are recorded. {@code refused} hears of each file the journal could not record, with why.
   */
  public List<Added> addAll(
      List<Path> files,
      @Nullable SermonDetails details,
      java.util.function.BiConsumer<Path, JournalException> refused) {
    List<Added> out = new ArrayList<>();
    List<JobRecord> batch = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      try {
        Object looked = look(file, details);
        if (looked instanceof Added known) out.add(known);
        else batch.add((JobRecord) looked);
      } catch (JournalException e) {
        refused.accept(file, e);
      }
      if (batch.size() == FILES_PER_TRANSACTION || (i == files.size() - 1 && !batch.isEmpty())) {
        try {
          out.addAll(enter(batch));
        } catch (JournalException e) {
          for (JobRecord r : batch) refused.accept(r.path(), e);
        }
        batch = new ArrayList<>();
      }
    }
    return out;
  }

  /** The file's job when it has one already ({@link Added}), else a new {@link JobRecord}. */
  private Object look(Path file, @Nullable SermonDetails details) throws JournalException {
    Path path = file.toAbsolutePath().normalize();
    synchronized (this) {
      UploadJob same = byPath.get(path);
      if (same != null && !same.state.finished()) return new Added(same.snapshot(), false);
      if (!resumeUnfinished) {
        // one indexed read, not the whole journal: 2,000 files added would read it 2,000 times
        Optional<JobRecord> left = journal.unfinishedAt(path);
        if (left.isPresent() && !jobs.containsKey(left.get().id()))
          return new Added(adopt(left.get()).snapshot(), false);
      }
    }
    long size = 0;
    long mtime = 0;
    String problem = null;
    try {
      size = Files.size(path);
      mtime = Files.getLastModifiedTime(path).toMillis();
      if (!Files.isRegularFile(path)) problem = "This is not a file.";
      else if (!Files.isReadable(path)) problem = "The file can't be read (no permission).";
      else if (options.maxUploadSize() > 0 && size > options.maxUploadSize()) {
        problem =
            "The file is larger than the limit of "
                + org.sermonuploader.config.Units.size(options.maxUploadSize())
                + ".";
      }
    } catch (NoSuchFileException e) {
      problem = "The file is not there any more.";
    } catch (IOException e) {
      problem = "The file can't be read: " + e.getMessage();
    }
    SermonDetails d = details == null ? SermonDetails.NONE : details;
    if (d.date() == null) d = d.withDate(SermonDetails.defaultDate(path, mtime));
    JobState state = problem == null ? JobState.QUEUED : JobState.FAILED;
    return new JobRecord(
        0, path, size, mtime, null, null, 0, state, problem, null, d, Instant.now());
  }

  /** Records new jobs in one transaction, then lists and queues them. */
  private List<Added> enter(List<JobRecord> batch) throws JournalException {
    List<Long> ids = journal.createJobs(batch);
    List<Added> out = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      JobRecord r = batch.get(i);
      UploadJob job =
          new UploadJob(ids.get(i), r.path(), r.size(), r.mtimeMillis(), r.state(), r.details());
      job.message = r.message();
      synchronized (this) {
        track(job);
      }
      if (job.message != null) log.warn("Not uploading {}: {}", job.path, job.message);
      ledger.publish(job);
      if (job.state == JobState.QUEUED) queue.add(job);
      out.add(new Added(job.snapshot(), true));
    }
    return out;
  }

  /** Takes an unfinished job from the journal back into the queue. */
  private UploadJob adopt(JobRecord r) {
    UploadJob job =
        new UploadJob(r.id(), r.path(), r.size(), r.mtimeMillis(), JobState.QUEUED, r.details());
    job.key = r.key();
    job.uploadId = r.uploadId();
    job.partSize = r.partSize();
    job.sha256 = r.sha256();
    job.message = r.uploadId() != null ? "continues where it stopped" : null;
    ledger.restoreProgress(job);
    track(job);
    queue.add(job);
    ledger.publish(job);
    return job;
  }

  public synchronized List<JobSnapshot> jobs() {
    List<JobSnapshot> out = new ArrayList<>();
    for (UploadJob j : jobs.values()) out.add(j.snapshot());
    return out;
  }

  public synchronized Optional<JobSnapshot> job(long id) {
    UploadJob j = jobs.get(id);
    return j == null ? Optional.empty() : Optional.of(j.snapshot());
  }

  /** Changes the optional sermon details; they shape the key only until the upload has started. */
  public void setDetails(long id, SermonDetails details) throws JournalException {
    UploadJob j = find(id);
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
    UploadJob j = find(id);
    if (j != null) controls.pause(j);
  }

  /**
   * Takes a pause back. A job a runner still holds is left to that runner: it carries on, or, when
   * its run has already ended on the pause, the runner queues it again.
   */
  public void resume(long id) {
    UploadJob j = find(id);
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
    UploadJob j = find(id);
    if (j != null) controls.cancel(j);
  }

  /** Queues a failed or cancelled job again. */
  public void retry(long id) {
    UploadJob j = find(id);
    if (j != null) controls.retry(j);
  }

  /**
   * Tells a job waiting for its file where the file is now, e.g. a USB stick that came back mounted
   * under another name. Only the same file is taken: same size and modification time (the first
   * part's hash is checked again when the upload continues). Returns true when the job was queued
   * again with the new path.
   */
  public boolean relocate(long id, Path newPath) {
    UploadJob j = find(id);
    if (j == null || j.state != JobState.WAITING_FOR_FILE) return false;
    Path path = newPath.toAbsolutePath().normalize();
    long size;
    long mtime;
    try {
      size = Files.size(path);
      mtime = Files.getLastModifiedTime(path).toMillis();
    } catch (IOException e) {
      return false;
    }
    if (size != j.size || mtime != j.mtime || !FileWaits.readable(path)) {
      log.info(
          "Not taking {} for {}: size {} / {}, mtime {} / {}",
          path,
          j.path,
          size,
          j.size,
          mtime,
          j.mtime);
      return false;
    }
    synchronized (this) {
      if (j.state != JobState.WAITING_FOR_FILE) return false;
      try {
        journal.updatePath(j.id, path);
      } catch (JournalException e) {
        log.error("Could not record the new place of {}", j.path, e);
        return false;
      }
      log.info("{} is now at {}", j.path, path);
      byPath.remove(j.path, j);
      j.path = path;
      byPath.put(path, j);
    }
    return requeueWaiting(j);
  }

  /**
   * Removes a finished job from the list (its history stays), also one another engine on this
   * journal finished meanwhile (a move to the server), which this one never held.
   */
  public void remove(long id) throws JournalException {
    UploadJob j = find(id);
    if (j == null) {
      if (journal.job(id).filter(r -> r.state().finished()).isEmpty()) return;
      journal.remove(id);
      ledger.removed(id);
      return;
    }
    if (!j.state.finished()) return;
    journal.remove(id);
    synchronized (this) {
      jobs.remove(id);
      byPath.remove(j.path, j);
    }
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
      boolean busy;
      synchronized (this) {
        busy = jobs.values().stream().anyMatch(j -> !atRest(j));
      }
      if (!busy) return true;
      Thread.sleep(50);
    }
    return false;
  }

  /**
   * Whether the job is waiting for its USB stick with no runner on it: only the stick coming back
   * moves it on.
   */
  private static boolean waitsForStick(UploadJob j) {
    return j.state == JobState.WAITING_FOR_FILE && !j.running;
  }

  private static boolean atRest(UploadJob j) {
    return j.state.finished() || j.state == JobState.PAUSED || waitsForStick(j);
  }

  /** The jobs waiting for a USB stick that was pulled (nothing else holds them up). */
  public synchronized List<JobSnapshot> waitingForSticks() {
    return jobs.values().stream()
        .filter(UploadEngine::waitsForStick)
        .map(UploadJob::snapshot)
        .toList();
  }

  public List<HistoryEntry> history() throws JournalException {
    return journal.history();
  }

  /** One page of the history, newest first: what the window shows, not the whole of it. */
  public List<HistoryEntry> history(int offset, int limit) throws JournalException {
    return journal.history(offset, limit);
  }

  /** Adds a job to the list (under the engine's lock). */
  private void track(UploadJob job) {
    jobs.put(job.id, job);
    byPath.put(job.path, job);
  }

  private synchronized @Nullable UploadJob find(long id) {
    return jobs.get(id);
  }

  private synchronized boolean keyHeldByAnotherJob(UploadJob job, String key) {
    return jobs.values().stream()
        .anyMatch(j -> j != job && key.equals(j.key) && !j.state.finished());
  }

  /** Looks for the files of waiting jobs; a job whose file is back goes to the queue again. */
  private void checkWaitingFiles() {
    List<UploadJob> waiting;
    synchronized (this) {
      waiting = jobs.values().stream().filter(j -> j.state == JobState.WAITING_FOR_FILE).toList();
    }
    for (UploadJob j : waiting) {
      if (control.closing()) return;
      if (FileWaits.readable(j.path) && requeueWaiting(j))
        log.info("{} is back; its upload continues", j.path);
    }
  }

  /** Queues a waiting job again; only one caller wins when the file check and relocate race. */
  private boolean requeueWaiting(UploadJob j) {
    String message = j.uploadId != null ? "the file is back; continues where it stopped" : null;
    synchronized (this) {
      if (j.state != JobState.WAITING_FOR_FILE || j.cancelRequested || j.pauseRequested)
        return false;
      JobLedger.set(j, JobState.QUEUED, message, null);
    }
    ledger.saveCurrent(j);
    queue.add(j);
    return true;
  }

  /**
   * Stops working, as a crash would but tidily: running jobs stay unfinished in the journal and
   * continue on the next start. Parts in flight are not waited for.
   */
  @Override
  public void close() {
    control.close();
    synchronized (this) {
      jobs.values().forEach(RunControl::wake);
    }
    runners.shutdownNow();
    senders.shutdownNow();
    ticker.shutdownNow();
    fileCheck.shutdownNow();
    try {
      runners.awaitTermination(5, TimeUnit.SECONDS);
      senders.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
