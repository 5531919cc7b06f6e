package org.sermonuploader.engine;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sermonuploader.journal.HistoryEntry;
import org.sermonuploader.journal.JobRecord;
import org.sermonuploader.journal.Journal;
import org.sermonuploader.journal.JournalException;
import org.sermonuploader.journal.PartRecord;
import org.sermonuploader.memory.PressureGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upload queue and the engine that drains it. Each file is read in parts; each part's CRC32C
 * (for the server to check) and the whole file's SHA-256 are computed in the same pass, then the
 * part is streamed from the file to the server: no part is held in memory. Every upload starts by
 * asking the journal and the server what is already there, so a first upload and a resumed one run
 * the same code.
 */
public final class UploadEngine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UploadEngine.class);

  /** What a job waiting for its file says; the file is most often on a USB stick. */
  public static final String WAITING_FOR_FILE_MESSAGE = "insert the USB stick again";

  /** Why a job whose file went away from a fixed disk failed. */
  private static final String FILE_GONE_MESSAGE = "The file was deleted or moved.";

  private static final int UNREADABLE_TRIES = 3;
  private static final Pattern DATE_IN_NAME =
      Pattern.compile("(20\\d\\d)[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\\d|3[01])");

  private final EngineOptions options;
  private final Journal journal;
  private final Transfer transfer;
  private final PressureGate gate;
  private final Map<Long, UploadJob> jobs = new LinkedHashMap<>();
  private final LinkedBlockingDeque<UploadJob> queue = new LinkedBlockingDeque<>();
  private final List<UploadListener> listeners = new CopyOnWriteArrayList<>();
  private final ExecutorService runners;
  private final ExecutorService senders;
  private final ScheduledExecutorService ticker;
  private final ScheduledExecutorService fileCheck;
  private volatile java.time.Duration fileCheckInterval = java.time.Duration.ofSeconds(2);
  private final int partsInFlight;
  private volatile boolean closing;
  private boolean started;
  private boolean resumeUnfinished = true;

  public UploadEngine(
      EngineOptions options, Journal journal, Transfer transfer, PressureGate gate) {
    this.options = options;
    this.journal = journal;
    this.transfer = transfer;
    this.gate = gate == null ? PressureGate.NEVER_PRESSED : gate;
    this.partsInFlight = options.partsInFlight();
    this.runners =
        Executors.newFixedThreadPool(options.maxConcurrentUploads(), named("upload-runner"));
    this.senders =
        Executors.newFixedThreadPool(
            options.maxConcurrentUploads() * partsInFlight, named("part-sender"));
    this.ticker = Executors.newSingleThreadScheduledExecutor(named("upload-progress"));
    // separate from the progress ticker: a stat on a vanishing device may hang for a while
    this.fileCheck = Executors.newSingleThreadScheduledExecutor(named("file-check"));
  }

  /** How often jobs waiting for their file look for it again; set before {@link #start()}. */
  public void setFileCheckInterval(java.time.Duration interval) {
    this.fileCheckInterval = interval;
  }

  /** Parts of one file sent at once (before the memory gate lowers it under pressure). */
  public int partsInFlight() {
    return partsInFlight;
  }

  public Transfer transfer() {
    return transfer;
  }

  public void addListener(UploadListener listener) {
    listeners.add(listener);
  }

  public void removeListener(UploadListener listener) {
    listeners.remove(listener);
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
        jobs.put(job.id, job);
      } else {
        adopt(r);
      }
    }
    this.resumeUnfinished = resumeUnfinished;
    for (int i = 0; i < options.maxConcurrentUploads(); i++) runners.submit(this::runnerLoop);
    long every = options.progressInterval().toMillis();
    ticker.scheduleAtFixedRate(this::publishProgress, every, every, TimeUnit.MILLISECONDS);
    long check = fileCheckInterval.toMillis();
    fileCheck.scheduleWithFixedDelay(this::checkWaitingFiles, check, check, TimeUnit.MILLISECONDS);
  }

  /** The result of adding a file: the job, and whether it was new (false: already queued). */
  public record Added(JobSnapshot job, boolean isNew) {}

  /**
   * Queues a file. A file already in the list and not finished is not queued twice. A file the app
   * cannot use still gets a row, failed with the reason, so the volunteer sees why.
   */
  public Added add(Path file, SermonDetails details) throws JournalException {
    Path path = file.toAbsolutePath().normalize();
    synchronized (this) {
      for (UploadJob j : jobs.values()) {
        if (j.path.equals(path) && !j.state.finished()) return new Added(j.snapshot(), false);
      }
      if (!resumeUnfinished) {
        for (JobRecord r : journal.unfinished()) {
          if (r.path().equals(path)) return new Added(adopt(r).snapshot(), false);
        }
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
    if (d.date() == null) d = d.withDate(defaultDate(path, mtime));
    JobState state = problem == null ? JobState.QUEUED : JobState.FAILED;
    long id =
        journal.createJob(
            new JobRecord(
                0, path, size, mtime, null, null, 0, state, problem, null, d, Instant.now()));
    UploadJob job = new UploadJob(id, path, size, mtime, state, d);
    job.message = problem;
    synchronized (this) {
      jobs.put(id, job);
    }
    if (problem != null) log.warn("Not uploading {}: {}", path, problem);
    publish(job);
    if (state == JobState.QUEUED) queue.add(job);
    return new Added(job.snapshot(), true);
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
    jobs.put(job.id, job);
    queue.add(job);
    publish(job);
    return job;
  }

  /** The sermon date when nobody typed one: a date in the file name, else the file's mtime. */
  static LocalDate defaultDate(Path path, long mtime) {
    Matcher m = DATE_IN_NAME.matcher(path.getFileName().toString());
    if (m.find()) {
      try {
        return LocalDate.of(
            Integer.parseInt(m.group(1)),
            Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3)));
      } catch (java.time.DateTimeException ignored) {
        // not a real date: fall through to the mtime
      }
    }
    return Instant.ofEpochMilli(mtime == 0 ? System.currentTimeMillis() : mtime)
        .atZone(ZoneId.systemDefault())
        .toLocalDate();
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
    publish(j);
  }

  /** Pauses a job: parts in flight finish, no new part starts. It stays paused across restarts. */
  public void pause(long id) {
    UploadJob j = find(id);
    if (j == null || j.state.finished()) return;
    j.pauseRequested = true;
    if (queue.remove(j) || j.state == JobState.QUEUED || j.state == JobState.WAITING_FOR_FILE)
      markPaused(j);
    wake(j);
  }

  public void resume(long id) {
    UploadJob j = find(id);
    if (j == null) return;
    j.pauseRequested = false;
    if (j.state == JobState.PAUSED) {
      persistState(j, JobState.QUEUED, null);
      setState(j, JobState.QUEUED, null, null);
      queue.add(j);
    }
    wake(j);
  }

  private void markPaused(UploadJob j) {
    persistState(j, JobState.PAUSED, null);
    setState(j, JobState.PAUSED, null, null);
  }

  private void persistState(UploadJob j, JobState state, String message) {
    try {
      journal.updateState(j.id, state, message, null);
    } catch (JournalException e) {
      log.error("Could not record the state of {}", j.path, e);
    }
  }

  public void pauseAll() {
    for (JobSnapshot s : jobs()) pause(s.id());
  }

  public void resumeAll() {
    for (JobSnapshot s : jobs()) resume(s.id());
  }

  /** Stops the job and aborts its upload on the server. */
  public void cancel(long id) {
    UploadJob j = find(id);
    if (j == null || j.state.finished()) return;
    j.cancelRequested = true;
    boolean wasWaiting =
        queue.remove(j)
            || j.state == JobState.PAUSED
            || j.state == JobState.QUEUED
            || j.state == JobState.WAITING_FOR_FILE;
    wake(j);
    if (wasWaiting) {
      // not running: nobody else will abort it
      senders.submit(() -> finishCancel(j));
    }
  }

  /** Queues a failed or cancelled job again. */
  public void retry(long id) {
    UploadJob j = find(id);
    if (j == null || !(j.state == JobState.FAILED || j.state == JobState.CANCELLED)) return;
    j.cancelRequested = false;
    j.pauseRequested = false;
    j.detail = null;
    refreshFileFacts(j);
    persistState(j, JobState.QUEUED, null);
    setState(j, JobState.QUEUED, null, null);
    queue.add(j);
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
    if (size != j.size || mtime != j.mtime || !readable(path)) {
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
      j.path = path;
    }
    return requeueWaiting(j);
  }

  /** Removes a finished job from the list (its history stays). */
  public void remove(long id) throws JournalException {
    UploadJob j = find(id);
    if (j == null || !j.state.finished()) return;
    journal.remove(id);
    synchronized (this) {
      jobs.remove(id);
    }
    for (UploadListener l : listeners) l.jobRemoved(id);
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

  private synchronized UploadJob find(long id) {
    return jobs.get(id);
  }

  // ---------------------------------------------------------------- running jobs

  private void runnerLoop() {
    while (!closing) {
      UploadJob job;
      try {
        job = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (job.state != JobState.QUEUED) continue;
      job.running = true;
      try {
        runJob(job);
      } catch (RuntimeException | Error e) {
        // an Error must not end this thread quietly: the job would sit as "uploading" for ever
        log.error("Unexpected error uploading {}", job.path, e);
        failJob(
            job, "Something went wrong inside the app. The details are in the log.", e.toString());
      } finally {
        job.running = false;
      }
    }
  }

  /** Signals that end a run without failing the job. */
  private static final class Stop extends Exception {
    final JobState why;

    Stop(JobState why) {
      super(why.words(), null, false, false);
      this.why = why;
    }
  }

  /** The file went away (USB stick pulled, share gone): wait for it rather than fail. */
  private static final class FileGone extends Exception {
    FileGone(String detail, Throwable cause) {
      super(detail, cause, false, false);
    }
  }

  /** The file changed under a running upload: start it over. */
  private static final class Restart extends Exception {
    Restart(String why) {
      super(why, null, false, false);
    }
  }

  /**
   * A send failed because of the file, not the server: it could not be read (a pulled stick) or it
   * changed after its part was read. Not retried; the run ends the way a failed read ends it.
   */
  private static final class LocalProblem extends UploadException {
    private final Exception local;

    private LocalProblem(Exception local, UploadException send) {
      super(Kind.FATAL, send.userMessage(), send.code(), send.getMessage(), send);
      this.local = local;
    }

    static UploadException behind(UploadJob job, FilePart part, UploadException send) {
      if (part.readFailure() != null) return new LocalProblem(part.readFailure(), send);
      boolean changed;
      try {
        changed = changedSinceStart(job);
      } catch (NoSuchFileException gone) {
        return new LocalProblem(gone, send);
      }
      if (!changed && send.isBytesRejected()) {
        // same size and time, other bytes: only reading the part again tells
        try {
          changed = !part.unchanged();
        } catch (IOException e) {
          return new LocalProblem(e, send);
        }
      }
      if (changed) {
        return new LocalProblem(
            new Restart(
                "The file changed while it was uploaded, so it is uploaded again from the start."),
            send);
      }
      return send;
    }

    /** The file's problem as the job runner handles it: an IOException or a Restart. */
    void rethrowLocal() throws IOException, Restart {
      if (local instanceof IOException) throw (IOException) local;
      throw (Restart) local;
    }
  }

  private void runJob(UploadJob job) {
    job.startedNanos = System.nanoTime();
    job.startedBytes = job.confirmedBytes.get();
    int changes = 0;
    for (int reruns = 1; ; reruns++) {
      try {
        attempt(job);
        return;
      } catch (Stop s) {
        if (closing) return;
        if (s.why == JobState.CANCELLED) finishCancel(job);
        else markPaused(job);
        return;
      } catch (FileGone g) {
        if (closing) return;
        if (job.cancelRequested) finishCancel(job);
        else if (job.pauseRequested) markPaused(job);
        else if (!options.onRemovableMedia(job.path)) failGone(job, g);
        else if (readable(job.path) && ++job.unreadableTries >= UNREADABLE_TRIES) {
          // it is there and opens, yet reading it keeps failing: a bad file, not a pulled stick
          log.warn("Reading {} keeps failing: {}", job.path, g.getMessage(), g.getCause());
          failJob(job, "The file can't be read. The details are in the log.", g.getMessage());
        } else {
          waitForFile(job, g.getMessage());
        }
        return;
      } catch (Restart r) {
        log.info("Starting {} over: {}", job.path, r.getMessage());
        forgetUpload(job, r.getMessage());
        if (++changes > 3) {
          failJob(
              job,
              "The file keeps changing while it is uploaded. Try again when the recording has finished.",
              r.getMessage());
          return;
        }
      } catch (UploadException e) {
        if (closing) return;
        if (e.kind() == UploadException.Kind.KEY_TAKEN) {
          lostRace(job, e);
          continue;
        }
        if (e.kind() == UploadException.Kind.UPLOAD_GONE) {
          log.info("Server no longer knows the upload of {}: {}", job.path, e.getMessage());
          forgetUpload(
              job, "The server no longer had the unfinished upload, so this file starts over.");
          continue;
        }
        if (e.isRetryable() && !closing) {
          // a part that failed in a way worth retrying (memory ran short): the run starts again
          // from what the journal and the server hold, after a pause
          waitBeforeRerun(job, e, reruns);
          continue;
        }
        log.warn("Upload of {} failed: {} ({})", job.path, e.userMessage(), e.getMessage());
        failJob(
            job,
            e.userMessage(),
            e.code() == null ? e.getMessage() : e.code() + ": " + e.getMessage());
        return;
      } catch (JournalException e) {
        log.error("Journal failure for {}", job.path, e);
        failJob(job, e.getMessage(), null);
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void waitBeforeRerun(UploadJob job, UploadException e, int attempt) {
    long waitMs = options.retry().delay(attempt).toMillis();
    log.warn(
        "{}: {} ({}); the run starts again in {} ms",
        job.path.getFileName(),
        e.userMessage(),
        e.getMessage(),
        waitMs);
    JobState state =
        "OutOfMemory".equals(e.code()) ? JobState.PAUSED_LOW_MEMORY : JobState.WAITING_FOR_SERVER;
    setState(
        job,
        state,
        "OutOfMemory".equals(e.code())
            ? "paused: low memory; carries on by itself"
            : "waiting for the server, next try in " + Math.max(1, waitMs / 1000) + " s",
        e.describe());
    try {
      sleep(job, waitMs);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Another upload took the key at the same moment. A multipart object can't be renamed, so the
   * recording is stored again under the next free name; its hash is known and not read again.
   */
  private void lostRace(UploadJob job, UploadException e) {
    log.warn(
        "{}: {} was taken by another upload at the same moment ({}: {}); storing it under another name",
        job.path.getFileName(),
        job.key,
        e.code(),
        e.getMessage());
    String taken = job.key;
    UploadJob.FileHash hash =
        job.sha256 == null ? null : new UploadJob.FileHash(job.size, job.mtime, job.sha256);
    forgetUpload(
        job,
        "another station stored a recording as "
            + taken
            + " at the same moment; this one is stored under a new name");
    job.takenKey = taken;
    job.knownHash = hash;
  }

  /** What a finished row says; null when all went as usual. */
  private static String doneMessage(UploadJob job) {
    if (job.takenKey == null) return null;
    return "Another station stored a recording as "
        + job.takenKey
        + " at the same moment, so this one was stored as "
        + job.key
        + ".";
  }

  private void forgetUpload(UploadJob job, String why) {
    String old = job.uploadId;
    if (old != null && job.key != null) {
      try {
        transfer.abort(job.key, old);
      } catch (UploadException e) {
        log.warn("Could not abort the old upload of {}: {}", job.path, e.getMessage());
      }
    }
    job.uploadId = null;
    job.key = null;
    job.sha256 = null;
    job.knownHash = null;
    job.confirmedBytes.set(0);
    job.streamingBytes.set(0);
    refreshFileFacts(job);
    try {
      journal.setUpload(job.id, null, null, 0, job.size, job.mtime);
    } catch (JournalException e) {
      log.error("Could not reset the journal for {}", job.path, e);
    }
    job.message = why;
  }

  private void refreshFileFacts(UploadJob job) {
    try {
      job.size = Files.size(job.path);
      job.mtime = Files.getLastModifiedTime(job.path).toMillis();
    } catch (IOException e) {
      // reported by the next attempt when it opens the file
    }
  }

  private void attempt(UploadJob job)
      throws Stop, Restart, FileGone, UploadException, JournalException, InterruptedException {
    checkStop(job);
    setState(job, JobState.UPLOADING, job.message, null);
    long size;
    long mtime;
    try {
      size = Files.size(job.path);
      mtime = Files.getLastModifiedTime(job.path).toMillis();
    } catch (NoSuchFileException e) {
      throw new FileGone("not found: " + job.path, e);
    } catch (IOException e) {
      // a device that vanished answers stat with EIO
      throw new FileGone(e.toString(), e);
    }
    if (job.uploadId == null && System.currentTimeMillis() - mtime < STILL_WRITTEN_MILLIS) {
      long[] settled = awaitFileSettled(job, size, mtime);
      size = settled[0];
      mtime = settled[1];
    }
    if (job.uploadId != null && (size != job.size || mtime != job.mtime)) {
      throw new Restart(
          "The file changed since its upload started, so it is uploaded again from the start.");
    }
    job.size = size;
    job.mtime = mtime;
    if (options.maxUploadSize() > 0 && size > options.maxUploadSize()) {
      throw UploadException.fatal(
          "The file is larger than the limit of "
              + org.sermonuploader.config.Units.size(options.maxUploadSize())
              + ".",
          "TooLarge",
          null);
    }

    try (FileChannel channel = FileChannel.open(job.path, StandardOpenOption.READ)) {
      if (job.key == null) {
        job.partSize = options.partSizeFor(size);
        Optional<String> key = chooseKey(job, channel);
        if (key.isEmpty()) return; // already uploaded
        job.key = key.get();
        journal.setUpload(job.id, job.key, null, job.partSize, size, mtime);
        publish(job);
      }
      UploadPlan plan = new UploadPlan(job.key, size, job.partSize, metadata(job), job.path);
      if (plan.singleRequest()) sendSingle(job, plan, channel);
      else sendMultipart(job, plan, channel);
    } catch (AccessDeniedException e) {
      throw UploadException.fatal("The file can't be read (no permission).", "FileUnreadable", e);
    } catch (NoSuchFileException e) {
      throw new FileGone("not found: " + job.path, e);
    } catch (java.io.EOFException e) {
      throw new Restart("The file got shorter while it was uploaded.");
    } catch (IOException e) {
      // reading from a device that was pulled fails with EIO while the path may still be there
      throw new FileGone(e.toString(), e);
    }
  }

  /**
   * A file off removable media that went away will not come back by itself: the job fails with the
   * reason and its unfinished upload is removed from the server.
   */
  private void failGone(UploadJob job, FileGone g) {
    boolean there = Files.exists(job.path);
    log.warn("{} can't be read any more ({}); not waiting for it", job.path, g.getMessage());
    if (job.uploadId != null && job.key != null) {
      try {
        transfer.abort(job.key, job.uploadId);
        job.uploadId = null;
        journal.setUpload(job.id, job.key, null, job.partSize, job.size, job.mtime);
        job.confirmedBytes.set(0);
      } catch (UploadException | JournalException e) {
        // the upload id stays in the journal, so `cancel` or a retry can still deal with it
        log.warn("Could not remove the unfinished upload of {}: {}", job.path, e.getMessage());
      }
    }
    failJob(
        job,
        there ? "The file can't be read. The details are in the log." : FILE_GONE_MESSAGE,
        g.getMessage());
  }

  private void waitForFile(UploadJob job, String detail) {
    log.info("{} is not there any more ({}); waiting for it to come back", job.path, detail);
    persistState(job, JobState.WAITING_FOR_FILE, WAITING_FOR_FILE_MESSAGE);
    setState(job, JobState.WAITING_FOR_FILE, WAITING_FOR_FILE_MESSAGE, detail);
    // a cancel or pause that came while the state changed saw a running job and left it to us
    if (job.cancelRequested) finishCancel(job);
    else if (job.pauseRequested) markPaused(job);
  }

  /** Looks for the files of waiting jobs; a job whose file is back goes to the queue again. */
  private void checkWaitingFiles() {
    List<UploadJob> waiting;
    synchronized (this) {
      waiting = jobs.values().stream().filter(j -> j.state == JobState.WAITING_FOR_FILE).toList();
    }
    for (UploadJob j : waiting) {
      if (closing) return;
      if (readable(j.path) && requeueWaiting(j))
        log.info("{} is back; its upload continues", j.path);
    }
  }

  /** Queues a waiting job again; only one caller wins when the file check and relocate race. */
  private boolean requeueWaiting(UploadJob j) {
    String message = j.uploadId != null ? "the file is back; continues where it stopped" : null;
    synchronized (this) {
      if (j.state != JobState.WAITING_FOR_FILE || j.cancelRequested || j.pauseRequested)
        return false;
      setStateOnly(j, JobState.QUEUED, message, null);
    }
    persistState(j, JobState.QUEUED, message);
    publish(j);
    queue.add(j);
    return true;
  }

  /** The file is there and its first byte can be read (a pulled device fails that). */
  static boolean readable(Path path) {
    if (!Files.isRegularFile(path)) return false;
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      ch.read(java.nio.ByteBuffer.allocate(1), 0);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A file modified this recently may still be being written (a recorder, a copy in progress). */
  static final long STILL_WRITTEN_MILLIS = 10_000;

  private static final long QUIET_MILLIS = 3_000;

  /** Waits until the file has stopped changing for a few seconds; returns its size and mtime. */
  private long[] awaitFileSettled(UploadJob job, long size, long mtime)
      throws Stop, InterruptedException, UploadException {
    long quietSince = System.currentTimeMillis();
    boolean told = false;
    while (System.currentTimeMillis() - quietSince < QUIET_MILLIS) {
      sleep(job, 500);
      checkStop(job);
      long s2;
      long m2;
      try {
        s2 = Files.size(job.path);
        m2 = Files.getLastModifiedTime(job.path).toMillis();
      } catch (IOException e) {
        throw UploadException.fatal("The file is not there any more.", "FileMissing", e);
      }
      if (s2 != size || m2 != mtime) {
        size = s2;
        mtime = m2;
        quietSince = System.currentTimeMillis();
        if (!told) {
          told = true;
          setState(
              job,
              JobState.WAITING_FOR_FILE,
              "the file is still being written; it is sent once it stops growing",
              null);
        }
      }
    }
    if (told) setState(job, JobState.UPLOADING, null, null);
    return new long[] {size, mtime};
  }

  private Map<String, String> metadata(UploadJob job) {
    Map<String, String> m = new TreeMap<>();
    m.put("original-filename", job.path.getFileName().toString());
    m.put("size", Long.toString(job.size));
    m.put("station", options.station());
    m.put("uploaded-at", Instant.now().toString());
    m.put("uploader", "sermon-uploader");
    SermonDetails d = job.details;
    if (d.title() != null && !d.title().isBlank()) m.put("title", d.title());
    if (d.speaker() != null && !d.speaker().isBlank()) m.put("speaker", d.speaker());
    if (d.series() != null && !d.series().isBlank()) m.put("series", d.series());
    if (d.date() != null) m.put("sermon-date", d.date().toString());
    return m;
  }

  /**
   * Finds a key that is free, or finds that the same recording is already there (then the job ends
   * as "already uploaded" and this returns empty). Never overwrites an existing object.
   */
  private Optional<String> chooseKey(UploadJob job, FileChannel channel)
      throws UploadException, Stop, JournalException, InterruptedException, IOException {
    String base =
        options.keys().keyFor(job.path.getFileName().toString(), job.details, job.details.date());
    UploadJob.FileHash known = job.knownHash;
    String localSha =
        known != null && known.size() == job.size && known.mtime() == job.mtime
            ? known.sha256()
            : null;
    for (int n = 1; n < 1000; n++) {
      String candidate = n == 1 ? base : ObjectKeys.numbered(base, n);
      if (keyTakenByAnotherJob(job, candidate)) continue;
      Optional<RemoteObject> existing = withRetry(job, () -> transfer.find(candidate));
      if (existing.isEmpty()) return Optional.of(candidate);
      RemoteObject remote = existing.get();
      if (remote.size() != job.size) continue;
      String remoteSha =
          remote.sha256Hex() != null
              ? remote.sha256Hex()
              : journal.recordedSha256(candidate, job.size).orElse(null);
      if (remoteSha == null) continue;
      if (localSha == null) localSha = hashWholeFile(job, channel);
      if (remoteSha.equalsIgnoreCase(localSha)) {
        job.key = candidate;
        job.sha256 = localSha;
        job.confirmedBytes.set(job.size);
        finishJob(
            job,
            JobState.ALREADY_UPLOADED,
            "This recording is already on the server as " + candidate + ".",
            0);
        return Optional.empty();
      }
    }
    throw UploadException.fatal(
        "Too many files with this name on the server.", "KeyExhausted", null);
  }

  private synchronized boolean keyTakenByAnotherJob(UploadJob job, String key) {
    return jobs.values().stream()
        .anyMatch(j -> j != job && key.equals(j.key) && !j.state.finished());
  }

  private String hashWholeFile(UploadJob job, FileChannel channel) throws IOException, Stop {
    setState(
        job, JobState.VERIFYING, "checking whether this recording is already on the server", null);
    MessageDigest digest = sha256();
    byte[] scratch = new byte[FilePart.SCRATCH];
    for (long pos = 0; pos < job.size; pos += scratch.length) {
      checkStop(job);
      FilePart.read(channel, pos, Math.min(scratch.length, job.size - pos), scratch, digest);
    }
    setState(job, JobState.UPLOADING, null, null);
    return HexFormat.of().formatHex(digest.digest());
  }

  private void sendSingle(UploadJob job, UploadPlan plan, FileChannel channel)
      throws IOException, UploadException, Stop, Restart, JournalException, InterruptedException {
    awaitMemory(job);
    MessageDigest digest = sha256();
    FilePart part = FilePart.read(channel, 0, plan.size(), new byte[FilePart.SCRATCH], digest);
    byte[] sum = digest.digest();
    String hex = HexFormat.of().formatHex(sum);
    String b64 = Base64.getEncoder().encodeToString(sum);
    job.sha256 = hex;
    TransferSession session = transfer.open(plan, null);
    if (changedSinceStart(job)) {
      throw new Restart(
          "The file changed while it was uploaded, so it is uploaded again from the start.");
    }
    checkKeyStillFree(job, plan);
    AtomicLong streamed = new AtomicLong();
    part.sendThrough(options.bandwidth().throttle());
    part.onRead(
        n -> {
          streamed.addAndGet(n);
          job.streamingBytes.addAndGet(n);
        });
    try {
      withRetry(
          job,
          () -> {
            job.streamingBytes.addAndGet(-streamed.getAndSet(0));
            try {
              return session.sendWhole(part, b64, hex);
            } catch (UploadException e) {
              throw LocalProblem.behind(job, part, e);
            }
          });
    } catch (LocalProblem p) {
      p.rethrowLocal();
    } finally {
      job.streamingBytes.addAndGet(-streamed.get());
    }
    job.confirmedBytes.set(plan.size());
    job.partsSent++;
    finishJob(job, JobState.DONE, doneMessage(job), plan.size());
  }

  /**
   * Whether the file on disk is no longer the one whose parts were read. A file that is not there
   * did not change: it went away, which a pulled stick waits for rather than starting over.
   */
  private static boolean changedSinceStart(UploadJob job) throws NoSuchFileException {
    try {
      return Files.size(job.path) != job.size
          || Files.getLastModifiedTime(job.path).toMillis() != job.mtime;
    } catch (NoSuchFileException e) {
      throw e;
    } catch (IOException e) {
      return true;
    }
  }

  /** State shared by the reader and the part senders of one multipart run. */
  private static final class Run {
    final AtomicInteger inFlight = new AtomicInteger();

    /** Most parts in flight: 1 when the destination needs parts in order (tus). */
    final int maxInFlight;

    volatile Exception failure;

    Run(int maxInFlight) {
      this.maxInFlight = maxInFlight;
    }
  }

  private void sendMultipart(UploadJob job, UploadPlan plan, FileChannel channel)
      throws IOException,
          UploadException,
          Stop,
          Restart,
          FileGone,
          JournalException,
          InterruptedException {
    String prior = job.uploadId;
    if (prior != null && job.sha256 != null && finishedBeforeInterruption(job, plan)) return;
    TransferSession session;
    try {
      session = withRetry(job, () -> transfer.open(plan, prior));
    } catch (UploadException e) {
      // a hash in the journal means the last run got as far as completing: the object may be there
      if (e.kind() != UploadException.Kind.UPLOAD_GONE || prior == null || job.sha256 == null)
        throw e;
      completedBeforeInterruption(job, plan, job.sha256, e);
      job.confirmedBytes.set(plan.size());
      finishJob(job, JobState.DONE, null, plan.size());
      return;
    }
    if (!session.uploadId().equals(prior)) {
      job.uploadId = session.uploadId();
      journal.setUpload(job.id, job.key, job.uploadId, plan.partSize(), plan.size(), job.mtime);
    }
    Map<Integer, String> onServer = withRetry(job, session::confirmedParts);
    Map<Integer, PartRecord> known = journal.parts(job.id);
    Map<Integer, TransferSession.SentPart> done = new TreeMap<>();
    job.confirmedBytes.set(0);
    job.streamingBytes.set(0);
    job.rate.reset();
    MessageDigest fileDigest = sha256();
    byte[] scratch = new byte[FilePart.SCRATCH];
    Run run = new Run(session.parallel() ? partsInFlight : 1);
    try {
      for (int n = 1; n <= plan.partCount(); n++) {
        checkStop(job);
        if (run.failure != null) throw rethrow(run.failure);
        // an open file can still be read after its folder was renamed or unmounted lazily
        if (!Files.isRegularFile(job.path)) throw new FileGone("not found: " + job.path, null);
        long offset = plan.partOffset(n);
        long length = plan.partLength(n);
        // read while earlier parts are still sending: the next one is ready when a slot frees
        FilePart part = FilePart.read(channel, offset, length, scratch, fileDigest);
        String partSum = part.crc32c();
        PartRecord record = known.get(n);
        if (n == 1
            && record != null
            && record.crc32c() != null
            && !partSum.equals(record.crc32c())) {
          throw new Restart(
              "The file changed since its upload started, so it is uploaded again from the start.");
        }
        if (record != null
            && onServer.containsKey(n)
            && record.size() == length
            && partSum.equals(record.crc32c())) {
          done.put(n, new TransferSession.SentPart(n, onServer.get(n), partSum));
          job.confirmedBytes.addAndGet(length);
          job.partsSkipped++;
          continue;
        }
        awaitSlot(job, run);
        submitPart(job, run, session, n, offset, length, part, done);
      }
      awaitParts(job, run);
    } catch (Stop | Restart | FileGone | IOException | InterruptedException | UploadException e) {
      drain(run);
      throw e;
    }
    if (changedSinceStart(job)) {
      throw new Restart(
          "The file changed while it was uploaded, so it is uploaded again from the start.");
    }
    byte[] sum = fileDigest.digest();
    String hex = HexFormat.of().formatHex(sum);
    job.sha256 = hex;
    // recorded before complete, so a crash between complete and the journal still knows the hash
    journal.updateState(job.id, JobState.VERIFYING, null, hex);
    setState(job, JobState.VERIFYING, "finishing the upload on the server", null);
    List<TransferSession.SentPart> parts;
    synchronized (done) {
      parts = new ArrayList<>(done.values());
    }
    if (parts.size() != plan.partCount()) {
      throw new IllegalStateException("parts missing: " + parts.size() + " of " + plan.partCount());
    }
    checkKeyStillFree(job, plan);
    RemoteObject result;
    try {
      result = withRetry(job, () -> session.complete(parts, hex));
    } catch (UploadException e) {
      if (e.kind() != UploadException.Kind.UPLOAD_GONE) throw e;
      result = completedBeforeInterruption(job, plan, hex, e);
    }
    if (result.size() != plan.size()) {
      throw UploadException.fatal(
          "The server stored a different size than the file has.", "SizeMismatch", null);
    }
    finishJob(job, JobState.DONE, doneMessage(job), plan.size());
  }

  /**
   * The journal holds the file's hash only once every part was confirmed and complete was sent.
   * Some servers keep answering for a completed upload, so ask for the object itself first.
   */
  private boolean finishedBeforeInterruption(UploadJob job, UploadPlan plan)
      throws UploadException, Stop, InterruptedException, JournalException {
    Optional<RemoteObject> there = withRetry(job, () -> transfer.find(plan.key()));
    if (there.isEmpty() || there.get().size() != plan.size()) return false;
    if (there.get().sha256Hex() != null && !there.get().sha256Hex().equalsIgnoreCase(job.sha256))
      return false;
    log.info("{} was completed on the server before the interruption", plan.key());
    job.confirmedBytes.set(plan.size());
    finishJob(job, JobState.DONE, null, plan.size());
    return true;
  }

  /**
   * Complete answered that the upload is gone. If a crash hit between the server finishing it and
   * the journal noting it, the object is there with our size: that is success, not a restart.
   */
  private RemoteObject completedBeforeInterruption(
      UploadJob job, UploadPlan plan, String hex, UploadException gone)
      throws UploadException, Stop, InterruptedException {
    Optional<RemoteObject> there = withRetry(job, () -> transfer.find(plan.key()));
    if (there.isPresent()
        && there.get().size() == plan.size()
        && (there.get().sha256Hex() == null || there.get().sha256Hex().equalsIgnoreCase(hex))) {
      log.info("{} was completed on the server before the interruption", plan.key());
      return there.get();
    }
    throw gone;
  }

  /**
   * Looks at the key right before the object is written. Servers with conditional writes refuse a
   * taken key by themselves; on the others this leaves only a moment for another station to store
   * something there, and the transfer checks the object after writing it.
   */
  private void checkKeyStillFree(UploadJob job, UploadPlan plan)
      throws UploadException, Stop, InterruptedException {
    Optional<RemoteObject> there = withRetry(job, () -> transfer.find(plan.key()));
    if (there.isPresent()) {
      throw UploadException.keyTaken("KeyTaken", plan.key() + " appeared during the upload");
    }
  }

  /** Waits until one more part may be in flight: the memory gate and the run's limit allow it. */
  private void awaitSlot(UploadJob job, Run run)
      throws Stop, Restart, IOException, UploadException, InterruptedException {
    while (true) {
      checkStop(job);
      if (run.failure != null) throw rethrow(run.failure);
      awaitMemory(job);
      int allowed = Math.min(gate.partsInFlight(partsInFlight), run.maxInFlight);
      if (run.inFlight.get() < allowed) return;
      sleep(job, 100);
    }
  }

  /**
   * Holds the job as "paused: low memory" while the gate forbids new parts; it carries on by
   * itself.
   */
  private void awaitMemory(UploadJob job) throws Stop, InterruptedException {
    if (gate.allowsNewParts()) return;
    log.info("Memory pressure: {} waits before its next part", job.path.getFileName());
    while (!gate.allowsNewParts()) {
      setState(job, JobState.PAUSED_LOW_MEMORY, "paused: low memory; carries on by itself", null);
      sleep(job, 250);
      checkStop(job);
    }
    setState(job, JobState.UPLOADING, null, null);
  }

  private void submitPart(
      UploadJob job,
      Run run,
      TransferSession session,
      int n,
      long offset,
      long length,
      FilePart part,
      Map<Integer, TransferSession.SentPart> done) {
    run.inFlight.incrementAndGet();
    senders.submit(
        () -> {
          AtomicLong streamed = new AtomicLong();
          part.sendThrough(options.bandwidth().throttle());
          part.onRead(
              b -> {
                streamed.addAndGet(b);
                job.streamingBytes.addAndGet(b);
              });
          try {
            String etag =
                withRetry(
                    job,
                    () -> {
                      job.streamingBytes.addAndGet(-streamed.getAndSet(0));
                      try {
                        return session.sendPart(n, offset, part);
                      } catch (UploadException e) {
                        throw LocalProblem.behind(job, part, e);
                      }
                    });
            journal.recordPart(job.id, new PartRecord(n, length, part.crc32c(), etag));
            synchronized (done) {
              done.put(n, new TransferSession.SentPart(n, etag, part.crc32c()));
            }
            job.confirmedBytes.addAndGet(length);
            job.partsSent++;
            job.rate.record(System.nanoTime(), job.bytesDone());
          } catch (Exception e) {
            if (run.failure == null) run.failure = e;
          } catch (OutOfMemoryError e) {
            log.error("Memory ran out while sending part {} of {}", n, job.path.getFileName(), e);
            if (run.failure == null) {
              run.failure =
                  UploadException.retryable(
                      "Memory ran short; the part is sent again.", "OutOfMemory", e);
            }
          } finally {
            job.streamingBytes.addAndGet(-streamed.get());
            part.onRead(null);
            run.inFlight.decrementAndGet();
            wake(job);
          }
        });
  }

  private void awaitParts(UploadJob job, Run run)
      throws UploadException, Stop, Restart, IOException, InterruptedException {
    while (run.inFlight.get() > 0) sleep(job, 100);
    if (run.failure != null) throw rethrow(run.failure);
    checkStop(job);
  }

  /** Lets parts in flight finish (their bytes are kept) before the run ends. */
  private void drain(Run run) throws InterruptedException {
    while (run.inFlight.get() > 0 && !closing) Thread.sleep(50);
  }

  private static UploadException rethrow(Exception e) throws Stop, Restart, IOException {
    if (e instanceof Stop) throw (Stop) e;
    if (e instanceof LocalProblem) ((LocalProblem) e).rethrowLocal();
    if (e instanceof UploadException) return (UploadException) e;
    if (e instanceof JournalException) {
      return UploadException.fatal(e.getMessage(), "JournalWrite", e);
    }
    return UploadException.fatal(
        "Something went wrong inside the app. The details are in the log.", "Internal", e);
  }

  interface Call<T> {
    T run() throws UploadException;
  }

  /** Runs a server call, waiting and trying again for as long as the error is retryable. */
  private <T> T withRetry(UploadJob job, Call<T> call)
      throws UploadException, Stop, InterruptedException {
    int attempt = 0;
    while (true) {
      checkStop(job);
      try {
        T result = call.run();
        if (attempt > 0 && job.state == JobState.WAITING_FOR_SERVER) {
          setState(job, JobState.UPLOADING, null, null);
        }
        return result;
      } catch (UploadException e) {
        if (!e.isRetryable() || closing) throw e;
        attempt++;
        long waitMs = options.retry().delay(attempt).toMillis();
        log.info(
            "{}: {} ({}); retry {} in {} ms",
            job.path.getFileName(),
            e.userMessage(),
            e.getMessage(),
            attempt,
            waitMs);
        long until = System.currentTimeMillis() + waitMs;
        long left;
        while ((left = until - System.currentTimeMillis()) > 0) {
          long secs = (left + 999) / 1000;
          setState(
              job,
              JobState.WAITING_FOR_SERVER,
              "waiting for the server, next try in " + secs + " s",
              e.describe());
          sleep(job, Math.min(left, 1000));
          checkStop(job);
        }
      }
    }
  }

  private void checkStop(UploadJob job) throws Stop {
    if (closing) throw new Stop(JobState.QUEUED);
    if (job.cancelRequested) throw new Stop(JobState.CANCELLED);
    if (job.pauseRequested) throw new Stop(JobState.PAUSED);
  }

  private static void sleep(UploadJob job, long millis) throws InterruptedException {
    synchronized (job) {
      job.wait(Math.max(1, millis));
    }
  }

  private static void wake(UploadJob job) {
    synchronized (job) {
      job.notifyAll();
    }
  }

  private void finishCancel(UploadJob job) {
    if (job.uploadId != null && job.key != null) {
      try {
        transfer.abort(job.key, job.uploadId);
      } catch (UploadException e) {
        log.warn("Could not abort the upload of {} on the server: {}", job.path, e.getMessage());
      }
    }
    job.uploadId = null;
    try {
      journal.setUpload(job.id, job.key, null, job.partSize, job.size, job.mtime);
      journal.finish(job.id, JobState.CANCELLED, "Cancelled.", null);
    } catch (JournalException e) {
      log.error("Could not record the cancel of {}", job.path, e);
    }
    job.key = null;
    job.confirmedBytes.set(0);
    setStateOnly(job, JobState.CANCELLED, "Cancelled.", null);
    publish(job);
  }

  private void failJob(UploadJob job, String message, String detail) {
    try {
      journal.updateState(job.id, JobState.FAILED, message, null);
    } catch (JournalException e) {
      log.error("Could not record the failure of {}", job.path, e);
    }
    setState(job, JobState.FAILED, message, detail);
  }

  private void finishJob(UploadJob job, JobState state, String message, long bytesSent)
      throws JournalException {
    long millis = (System.nanoTime() - job.startedNanos) / 1_000_000;
    double bps = millis > 0 ? (job.size - job.startedBytes) * 1000.0 / millis : 0;
    journal.finish(
        job.id,
        state,
        message,
        new HistoryEntry(
            job.id,
            job.path.getFileName().toString(),
            job.key,
            job.size,
            job.sha256,
            Instant.now(),
            millis,
            bps,
            state == JobState.DONE && job.takenKey != null
                ? "done, under a new name"
                : state.words(),
            transfer.describeDestination()));
    log.info(
        "{} {}: key {}, {} bytes, sha256 {}",
        job.path.getFileName(),
        state.words(),
        job.key,
        job.size,
        job.sha256);
    setState(job, state, message, null);
  }

  // ---------------------------------------------------------------- events

  private void setState(UploadJob job, JobState state, String message, String detail) {
    boolean changed = job.state != state || !java.util.Objects.equals(job.message, message);
    setStateOnly(job, state, message, detail);
    if (changed) publish(job);
  }

  private static void setStateOnly(UploadJob job, JobState state, String message, String detail) {
    job.state = state;
    job.message = message;
    if (detail != null || state == JobState.UPLOADING) job.detail = detail;
  }

  private void publishProgress() {
    List<UploadJob> active;
    synchronized (this) {
      active = new ArrayList<>(jobs.values());
    }
    long now = System.nanoTime();
    for (UploadJob j : active) {
      if (j.state != JobState.UPLOADING && j.state != JobState.VERIFYING) continue;
      j.rate.record(now, j.bytesDone());
      // rate and time left move even when no part finished: an uploading row gets every tick
      if (j.state == JobState.UPLOADING) publish(j);
    }
  }

  private void publish(UploadJob job) {
    JobSnapshot s = job.snapshot();
    for (UploadListener l : listeners) {
      try {
        l.jobChanged(s);
      } catch (RuntimeException e) {
        log.warn("A listener failed on job {}", job.id, e);
      }
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      t.setUncaughtExceptionHandler((th, e) -> log.error("Uncaught in {}", th.getName(), e));
      return t;
    };
  }

  /**
   * Stops working, as a crash would but tidily: running jobs stay unfinished in the journal and
   * continue on the next start. Parts in flight are not waited for.
   */
  /** The limit every part is sent under; the window and the status page show and change it. */
  public org.sermonuploader.bandwidth.Bandwidth bandwidth() {
    return options.bandwidth();
  }

  @Override
  public void close() {
    closing = true;
    synchronized (this) {
      jobs.values().forEach(UploadEngine::wake);
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
