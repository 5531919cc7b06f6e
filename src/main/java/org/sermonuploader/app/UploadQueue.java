package org.sermonuploader.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sermonuploader.engine.JournalException;
import org.sermonuploader.engine.UploadEngine;
import org.sermonuploader.media.MediaDuration;
import org.sermonuploader.model.ConnectionReport;
import org.sermonuploader.model.HistoryEntry;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.SermonDetails;
import org.sermonuploader.model.UploadListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running uploader's queue as the window works it: recordings dropped or picked are added, a
 * row is paused, resumed, cancelled, retried, removed or given its details, and the news of every
 * job, the history, the destination and its upload limit are read. A change the journal refuses is
 * logged and said by the return value; the rows show what the engine then did.
 */
public final class UploadQueue {
  private static final Logger log = LoggerFactory.getLogger(UploadQueue.class);

  /**
   * What adding paths did: how many recordings are new in the list, how many were there already,
   * what was left out (not a recording, a folder that can't be read), and the files the journal
   * could not record.
   */
  public record Added(
      int added,
      int alreadyQueued,
      List<UploadRecordings.Skipped> refused,
      List<UploadRecordings.Skipped> notQueued) {
    public Added {
      refused = List.copyOf(refused);
      notQueued = List.copyOf(notQueued);
    }
  }

  private final UploadEngine engine;
  private final UploadLimit limit;

  private UploadQueue(UploadEngine engine) {
    this.engine = engine;
    this.limit = new UploadLimit(engine.bandwidth());
  }

  /** The queue of {@code engine} (a service's, or one a test built on a transfer of its own). */
  public static UploadQueue of(UploadEngine engine) {
    return new UploadQueue(engine);
  }

  /**
   * Expands folders into the recordings inside them, as {@link UploadRecordings#expand} does for
   * the command line, and queues each; a recording already in the list is not queued twice. Not on
   * the FX thread: it reads folders and writes the journal.
   */
  public Added add(List<Path> paths) {
    UploadRecordings.Expansion x = UploadRecordings.expand(paths);
    List<UploadRecordings.Skipped> notQueued = new ArrayList<>();
    List<UploadEngine.Added> queued =
        engine.addAll(
            x.files(),
            null,
            (p, e) -> {
              log.error("Could not queue {}", p, e);
              notQueued.add(new UploadRecordings.Skipped(p, String.valueOf(e.getMessage())));
            });
    int added = (int) queued.stream().filter(UploadEngine.Added::isNew).count();
    return new Added(added, queued.size() - added, x.skipped(), notQueued);
  }

  /** The length of a recording, read from its file's header; empty when it can't be told. */
  public static Optional<Duration> length(Path recording) {
    return MediaDuration.of(recording);
  }

  /** Starts the engine: the journal's unfinished uploads continue. */
  public void start() throws JournalException {
    engine.start();
  }

  /** {@code listener} hears of every job from now on. */
  public void listen(UploadListener listener) {
    engine.addListener(listener);
  }

  public void stopListening(UploadListener listener) {
    engine.removeListener(listener);
  }

  /** Every job in the list now. */
  public List<JobSnapshot> jobs() {
    return engine.jobs();
  }

  public Optional<JobSnapshot> job(long id) {
    return engine.job(id);
  }

  public void pause(long id) {
    engine.pause(id);
  }

  public void resume(long id) {
    engine.resume(id);
  }

  /** Stops the upload and aborts it on the server. */
  public void cancel(long id) {
    engine.cancel(id);
  }

  public void retry(long id) {
    engine.retry(id);
  }

  public void pauseAll() {
    engine.pauseAll();
  }

  public void resumeAll() {
    engine.resumeAll();
  }

  /**
   * Takes the jobs off the list (the history keeps the finished ones), in the order given; stops at
   * the first the journal refuses. Whether all were removed.
   */
  public boolean remove(List<Long> ids) {
    for (long id : ids) {
      try {
        engine.remove(id);
      } catch (JournalException e) {
        log.error("Could not remove job {}", id, e);
        return false;
      }
    }
    return true;
  }

  /** Whether the details were kept. */
  public boolean setDetails(long id, SermonDetails details) {
    try {
      engine.setDetails(id, details);
      return true;
    } catch (JournalException e) {
      log.error("Could not save the details of job {}", id, e);
      return false;
    }
  }

  /** {@code count} finished uploads from the {@code offset}-th newest, newest first. */
  public List<HistoryEntry> history(int offset, int count) throws JournalException {
    return engine.history(offset, count);
  }

  /** Where recordings go, in words: "bucket sermons on https://host", a tus server. */
  public String destination() {
    return engine.transfer().describeDestination();
  }

  /** The same check as Test connection, on the destination in use, within {@code limit}. */
  public ConnectionReport checkConnection(Duration limit) {
    return engine.transfer().check(limit);
  }

  /** The upload limit uploads run under, and its overrides. */
  public UploadLimit limit() {
    return limit;
  }
}
