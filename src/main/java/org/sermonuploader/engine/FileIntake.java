package org.sermonuploader.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingDeque;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.config.Units;
import org.sermonuploader.model.JobRecord;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.SermonDetails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes files into the list and the queue: the journal's jobs at start, and each file added. A file
 * already queued is not queued twice; an unfinished job the journal holds for it is taken up again;
 * a file the app cannot use gets a failed row saying why.
 */
final class FileIntake {
  private static final Logger log = LoggerFactory.getLogger(FileIntake.class);

  /** Files given together are recorded this many at a time, each batch in one transaction. */
  static final int FILES_PER_TRANSACTION = 64;

  private final EngineOptions options;
  private final JobStore journal;
  private final JobLedger ledger;
  private final JobList jobs;
  private final BlockingDeque<UploadJob> queue;

  /**
   * False for the CLI's upload command: the journal's unfinished jobs wait until their file is
   * added.
   */
  private boolean resumeUnfinished = true;

  FileIntake(
      EngineOptions options,
      JobStore journal,
      JobLedger ledger,
      JobList jobs,
      BlockingDeque<UploadJob> queue) {
    this.options = options;
    this.journal = journal;
    this.ledger = ledger;
    this.jobs = jobs;
    this.queue = queue;
  }

  /**
   * Lists the journal's jobs and queues the unfinished ones again; with {@code resumeUnfinished}
   * false, none is listed, and an unfinished one is taken up when its file is added.
   */
  void load(boolean resumeUnfinished) throws JournalException {
    synchronized (jobs) {
      for (JobRecord r : journal.jobs()) {
        if (!resumeUnfinished) continue;
        if (r.state().finished() || r.state() == JobState.PAUSED) jobs.track(restore(r));
        else adopt(r);
      }
      this.resumeUnfinished = resumeUnfinished;
    }
  }

  /** A finished or paused job as the journal has it; it stays as it is. */
  private UploadJob restore(JobRecord r) {
    UploadJob job =
        new UploadJob(r.id(), r.path(), r.size(), r.mtimeMillis(), r.state(), r.details());
    job.key = r.key();
    job.uploadId = r.uploadId();
    job.partSize = r.partSize();
    job.message = r.message();
    job.sha256 = r.sha256();
    if (r.state().succeeded()) job.confirmedBytes.set(r.size());
    else ledger.restoreProgress(job);
    return job;
  }

  /** See {@link UploadEngine#add}. */
  UploadEngine.Added add(Path file, @Nullable SermonDetails details) throws JournalException {
    Object looked = look(file, details);
    if (looked instanceof UploadEngine.Added known) return known;
    return enter(List.of((JobRecord) looked)).get(0);
  }

  /** See {@link UploadEngine#addAll}. */
  List<UploadEngine.Added> addAll(
      List<Path> files,
      @Nullable SermonDetails details,
      BiConsumer<Path, JournalException> refused) {
    List<UploadEngine.Added> out = new ArrayList<>();
    List<JobRecord> batch = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      try {
        Object looked = look(file, details);
        if (looked instanceof UploadEngine.Added known) out.add(known);
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

  /** The file's job when it has one already (an {@code Added}), else a new {@link JobRecord}. */
  private Object look(Path file, @Nullable SermonDetails details) throws JournalException {
    Path path = file.toAbsolutePath().normalize();
    synchronized (jobs) {
      UploadJob same = jobs.newestOf(path);
      if (same != null && !same.state.finished())
        return new UploadEngine.Added(same.snapshot(), false);
      if (!resumeUnfinished) {
        // one indexed read, not the whole journal: 2,000 files added would read it 2,000 times
        Optional<JobRecord> left = journal.unfinishedAt(path);
        if (left.isPresent() && !jobs.holds(left.get().id()))
          return new UploadEngine.Added(adopt(left.get()).snapshot(), false);
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
            "The file is larger than the limit of " + Units.size(options.maxUploadSize()) + ".";
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
  private List<UploadEngine.Added> enter(List<JobRecord> batch) throws JournalException {
    List<Long> ids = journal.createJobs(batch);
    List<UploadEngine.Added> out = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      JobRecord r = batch.get(i);
      UploadJob job =
          new UploadJob(ids.get(i), r.path(), r.size(), r.mtimeMillis(), r.state(), r.details());
      job.message = r.message();
      jobs.track(job);
      if (job.message != null) log.warn("Not uploading {}: {}", job.path, job.message);
      ledger.publish(job);
      if (job.state == JobState.QUEUED) queue.add(job);
      out.add(new UploadEngine.Added(job.snapshot(), true));
    }
    return out;
  }

  /** Takes an unfinished job from the journal back into the queue (under the list's lock). */
  private UploadJob adopt(JobRecord r) {
    UploadJob job =
        new UploadJob(r.id(), r.path(), r.size(), r.mtimeMillis(), JobState.QUEUED, r.details());
    job.key = r.key();
    job.uploadId = r.uploadId();
    job.partSize = r.partSize();
    job.sha256 = r.sha256();
    job.message = r.uploadId() != null ? "continues where it stopped" : null;
    ledger.restoreProgress(job);
    jobs.track(job);
    queue.add(job);
    ledger.publish(job);
    return job;
  }
}
