package org.sermonuploader.engine;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.SermonDetails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one job to its end: the upload succeeds, fails with a reason, stops (pause, cancel, close),
 * waits for its file, or starts over when the file changed or the server lost the upload. Every run
 * starts by asking the journal and the server what is already there, so a first upload and a
 * resumed one run the same code.
 */
final class JobRunner {
  private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

  /** What a job waiting for its file says; the file is most often on a USB stick. */
  private static final String WAITING_FOR_FILE_MESSAGE = "insert the USB stick again";

  /** Why a job whose file went away from a fixed disk failed. */
  private static final String FILE_GONE_MESSAGE = "The file was deleted or moved.";

  private static final String INTERNAL_ERROR =
      "Something went wrong inside the app. The details are in the log.";
  private static final int UNREADABLE_TRIES = 3;

  private final EngineOptions options;
  private final Transfer transfer;
  private final JobLedger ledger;
  private final RunControl control;
  private final Retrier retrier;
  private final KeyChooser keys;
  private final SingleRequestSender single;
  private final PartPipeline pipeline;
  private final FileWaits files;
  private final ClaimWaits claims;
  final LiveRunner live;

  JobRunner(
      EngineOptions options,
      Transfer transfer,
      JobLedger ledger,
      RunControl control,
      Retrier retrier,
      KeyChooser keys,
      SingleRequestSender single,
      PartPipeline pipeline,
      FileWaits files) {
    this.options = options;
    this.transfer = transfer;
    this.ledger = ledger;
    this.control = control;
    this.retrier = retrier;
    this.keys = keys;
    this.single = single;
    this.pipeline = pipeline;
    this.files = files;
    this.claims = new ClaimWaits(ledger, control);
    this.live = new LiveRunner(options, transfer, ledger, control, retrier, keys, pipeline.gate());
  }

  /** Runs a job taken from the queue; nothing it meets ends the calling thread. */
  void run(UploadJob job) {
    JobClaim claim = null;
    try {
      claim = claims.await(job);
      if (claim == null) return; // stopped, or finished by the runner that held it
      // recorded, so `status` in another process shows the run; a dead process's row tells by
      // its claim being free. A power cut may lose it: the job is then queued as it was.
      ledger.note(job, JobState.UPLOADING, job.message);
      job.startActiveClock();
      runJob(job);
    } catch (OutOfMemoryError e) {
      throw e; // the engine recovers: the job goes back to the queue as the journal holds it
    } catch (JournalException e) {
      log.error("Could not claim {}", job.path, e);
      ledger.fail(job, e.getMessage(), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      // an Error must not end the runner quietly: the job would sit as "uploading" for ever
      log.error("Unexpected error uploading {}", job.path, e);
      ledger.fail(job, INTERNAL_ERROR, e.toString());
    } finally {
      if (claim != null) {
        // a finished upload's time went into its history line; the others carry it to the next run
        if (!job.state.succeeded() && job.state != JobState.CANCELLED) ledger.countActiveTime(job);
        job.stopActiveClock();
        claim.close();
      }
    }
  }

  private void runJob(UploadJob job) {
    int changes = 0;
    for (int reruns = 1; ; reruns++) {
      try {
        attempt(job);
        return;
      } catch (RunEnd end) {
        if (end.why == RunEnd.Why.CHANGED) {
          log.info("Starting {} over: {}", job.path, end.getMessage());
          forgetUpload(job, end.getMessage());
          if (++changes <= 3) continue;
          ledger.fail(
              job,
              "The file keeps changing while it is uploaded. Try again when the recording has finished.",
              end.getMessage());
          return;
        }
        if (control.closing()) return;
        // resumed while the pause was cutting its parts: carry on from what the server holds
        if (end.stopAs == JobState.PAUSED && job.requested() == Requested.NOTHING) continue;
        if (end.why == RunEnd.Why.STOPPED) stopped(job, end.stopAs);
        else fileGone(job, end);
        return;
      } catch (UploadException e) {
        if (control.closing()) return;
        if (e.kind() == UploadException.Kind.KEY_TAKEN && job.keyUnlooked) {
          // the name was not looked at: the search now looks, finding the same recording there
          // (already uploaded) or the next free name
          log.info("{}: {} is taken; looking for a name", job.path.getFileName(), job.key);
          forgetUpload(job, null);
          job.looksAtNames = true;
          continue;
        }
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
        if (e.isRetryable()) {
          retrier.pauseBeforeRerun(job, e, reruns);
          continue;
        }
        log.warn("Upload of {} failed: {} ({})", job.path, e.userMessage(), e.getMessage());
        ledger.fail(
            job,
            e.userMessage(),
            e.code() == null ? e.getMessage() : e.code() + ": " + e.getMessage());
        return;
      } catch (JournalException e) {
        log.error("Journal failure for {}", job.path, e);
        ledger.fail(job, e.getMessage(), null);
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void stopped(UploadJob job, @Nullable JobState as) {
    if (as == JobState.CANCELLED) finishCancel(job);
    else ledger.save(job, JobState.PAUSED, null, null);
  }

  private void fileGone(UploadJob job, RunEnd gone) {
    Requested asked = job.requested();
    if (asked == Requested.CANCEL) finishCancel(job);
    else if (asked == Requested.PAUSE) ledger.save(job, JobState.PAUSED, null, null);
    else if (!options.onRemovableMedia(job.path)) failGone(job, gone);
    else if (FileWaits.readable(job.path)
        && job.unreadableTries.incrementAndGet() >= UNREADABLE_TRIES) {
      // it is there and opens, yet reading it keeps failing: a bad file, not a pulled stick
      log.warn("Reading {} keeps failing: {}", job.path, gone.getMessage(), gone.getCause());
      ledger.fail(job, "The file can't be read. The details are in the log.", gone.getMessage());
    } else {
      waitForFile(job, gone.getMessage());
    }
  }

  private void attempt(UploadJob job)
      throws RunEnd, UploadException, JournalException, InterruptedException {
    control.checkStop(job);
    ledger.show(job, JobState.UPLOADING, job.message, null);
    if (live.takes(job) && live.run(job, this::metadata)) return;
    long size;
    long mtime;
    try {
      size = Files.size(job.path);
      mtime = Files.getLastModifiedTime(job.path).toMillis();
    } catch (NoSuchFileException e) {
      throw RunEnd.fileGone("not found: " + job.path, e);
    } catch (IOException e) {
      // a device that vanished answers stat with EIO
      throw RunEnd.fileGone(e.toString(), e);
    }
    if (job.uploadId == null
        && System.currentTimeMillis() - mtime < FileWaits.STILL_WRITTEN_MILLIS) {
      long[] settled = files.awaitSettled(job, size, mtime);
      size = settled[0];
      mtime = settled[1];
    }
    if (job.uploadId != null && (size != job.size || mtime != job.mtime)) {
      throw RunEnd.changed(RunEnd.CHANGED_SINCE_START);
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
      // judged only now: the file is finished, and a recorder that failed must not look like
      // success
      String empty = EmptyRecording.why(job.path.getFileName().toString(), size, channel);
      if (empty != null) throw UploadException.fatal(empty, "EmptyRecording", null);
      if (job.key == null) {
        job.partSize = options.partSizeFor(size);
        Optional<String> key = keys.choose(job, channel);
        if (key.isEmpty()) return; // already uploaded
        job.key = key.get();
        ledger.journal().setUpload(job.id, job.key, null, job.partSize, size, mtime);
        ledger.publish(job);
      }
      UploadPlan plan = new UploadPlan(job.key, size, job.partSize, metadata(job), job.path);
      if (plan.singleRequest()) single.send(job, plan, channel);
      else pipeline.send(job, plan, channel);
    } catch (AccessDeniedException e) {
      throw UploadException.fatal("The file can't be read (no permission).", "FileUnreadable", e);
    } catch (NoSuchFileException e) {
      throw RunEnd.fileGone("not found: " + job.path, e);
    } catch (java.io.EOFException e) {
      throw RunEnd.changed("The file got shorter while it was uploaded.");
    } catch (IOException e) {
      // reading from a device that was pulled fails with EIO while the path may still be there
      throw RunEnd.fileGone(e.toString(), e);
    }
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
   * Another upload took the key at the same moment. A multipart object can't be renamed, so the
   * recording is stored again under the next free name; its hash is known and not read again.
   */
  private void lostRace(UploadJob job, UploadException e) {
    boolean lost = e.reason() == UploadException.Reason.STORED_OBJECT_LOST;
    log.warn(
        lost
            ? "{}: the object just written as {} is gone or replaced ({}: {}); storing it again under another name"
            : "{}: {} was taken by another upload at the same moment ({}: {}); storing it under another name",
        job.path.getFileName(),
        job.key,
        e.code(),
        e.getMessage());
    String taken = job.key;
    UploadJob.FileHash hash =
        job.sha256 == null ? null : new UploadJob.FileHash(job.size, job.mtime, job.sha256);
    forgetUpload(
        job,
        lost
            ? "the server lost this recording right after storing it as "
                + taken
                + "; it is stored again under a new name"
            : "another station stored a recording as "
                + taken
                + " at the same moment; this one is stored under a new name");
    if (taken != null) job.lostKeys.add(taken);
    job.takenKey = taken;
    job.takenKeyLost = lost;
    job.knownHash = hash;
  }

  private void forgetUpload(UploadJob job, @Nullable String why) {
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
    job.keyUnlooked = false;
    job.keyWritten = false;
    job.sha256 = null;
    job.knownHash = null;
    job.confirmedBytes.set(0);
    job.streamingBytes.set(0);
    job.serverHeld.set(0);
    job.refreshFileFacts();
    try {
      ledger.journal().setUpload(job.id, null, null, 0, job.size, job.mtime);
    } catch (JournalException e) {
      log.error("Could not reset the journal for {}", job.path, e);
    }
    job.takeActiveMillis(); // the time spent on the forgotten upload is not the next one's
    job.message = why;
  }

  /**
   * A file off fixed disks that went away will not come back by itself: the job fails with the
   * reason and its unfinished upload is removed from the server.
   */
  private void failGone(UploadJob job, RunEnd gone) {
    boolean there = Files.exists(job.path);
    log.warn("{} can't be read any more ({}); not waiting for it", job.path, gone.getMessage());
    if (job.uploadId != null && job.key != null) {
      try {
        transfer.abort(job.key, job.uploadId);
        job.uploadId = null;
        ledger.journal().setUpload(job.id, job.key, null, job.partSize, job.size, job.mtime);
        job.confirmedBytes.set(0);
        job.serverHeld.set(0);
      } catch (UploadException | JournalException e) {
        // the upload id stays in the journal, so `cancel` or a retry can still deal with it
        log.warn("Could not remove the unfinished upload of {}: {}", job.path, e.getMessage());
      }
    }
    ledger.fail(
        job,
        there ? "The file can't be read. The details are in the log." : FILE_GONE_MESSAGE,
        gone.getMessage());
  }

  private void waitForFile(UploadJob job, @Nullable String detail) {
    log.info("{} is not there any more ({}); waiting for it to come back", job.path, detail);
    ledger.save(job, JobState.WAITING_FOR_FILE, WAITING_FOR_FILE_MESSAGE, detail);
    // a cancel or pause that came while the state changed saw a running job and left it to us
    switch (job.requested()) {
      case CANCEL -> finishCancel(job);
      case PAUSE -> ledger.save(job, JobState.PAUSED, null, null);
      case NOTHING -> {}
    }
  }

  /** Ends a cancelled job: its upload is aborted on the server and forgotten. */
  void finishCancel(UploadJob job) {
    if (job.uploadId != null && job.key != null) {
      try {
        transfer.abort(job.key, job.uploadId);
      } catch (UploadException e) {
        log.warn("Could not abort the upload of {} on the server: {}", job.path, e.getMessage());
      }
    }
    job.uploadId = null;
    ledger.cancelled(job);
  }
}
