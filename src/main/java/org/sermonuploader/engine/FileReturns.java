package org.sermonuploader.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.sermonuploader.concurrent.Threads;
import org.sermonuploader.model.JobState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a job waiting for its file (most often on a USB stick that was pulled) back to the queue:
 * when its file can be read again where it was, looked for every few seconds, or when the volunteer
 * says where it is now.
 */
final class FileReturns {
  private static final Logger log = LoggerFactory.getLogger(FileReturns.class);

  private final JobStore journal;
  private final JobLedger ledger;
  private final RunControl control;
  private final JobList jobs;
  private final BlockingDeque<UploadJob> queue;

  // apart from the progress ticker: a stat on a vanishing device may hang for a while
  private final ScheduledExecutorService fileCheck =
      Executors.newSingleThreadScheduledExecutor(Threads.daemon("file-check"));
  private volatile Duration interval = Duration.ofSeconds(2);

  FileReturns(
      JobStore journal,
      JobLedger ledger,
      RunControl control,
      JobList jobs,
      BlockingDeque<UploadJob> queue) {
    this.journal = journal;
    this.ledger = ledger;
    this.control = control;
    this.jobs = jobs;
    this.queue = queue;
  }

  /** How often the files of waiting jobs are looked for; set before {@link #start()}. */
  void setInterval(Duration interval) {
    this.interval = interval;
  }

  void start() {
    Threads.every(fileCheck, interval, "file check", this::checkWaitingFiles);
  }

  void close() {
    fileCheck.shutdownNow();
  }

  /** See {@link UploadEngine#relocate}. */
  boolean relocate(UploadJob j, Path newPath) {
    if (j.state != JobState.WAITING_FOR_FILE) return false;
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
    synchronized (jobs) {
      if (j.state != JobState.WAITING_FOR_FILE) return false;
      try {
        journal.updatePath(j.id, path);
      } catch (JournalException e) {
        log.error("Could not record the new place of {}", j.path, e);
        return false;
      }
      log.info("{} is now at {}", j.path, path);
      jobs.moved(j, path);
    }
    return requeue(j);
  }

  /** Looks for the files of waiting jobs; a job whose file is back goes to the queue again. */
  private void checkWaitingFiles() {
    for (UploadJob j : jobs.waitingForFile()) {
      if (control.closing()) return;
      if (FileWaits.readable(j.path) && requeue(j))
        log.info("{} is back; its upload continues", j.path);
    }
  }

  /** Queues a waiting job again; only one caller wins when the file check and relocate race. */
  private boolean requeue(UploadJob j) {
    String message = j.uploadId != null ? "the file is back; continues where it stopped" : null;
    synchronized (jobs) {
      if (j.state != JobState.WAITING_FOR_FILE || j.requested() != Requested.NOTHING) return false;
      JobLedger.set(j, JobState.QUEUED, message, null);
    }
    ledger.saveCurrent(j);
    queue.add(j);
    return true;
  }
}
