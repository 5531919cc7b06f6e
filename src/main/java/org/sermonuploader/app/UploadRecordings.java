package org.sermonuploader.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.sermonuploader.config.InvalidSettingException;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.engine.EngineOptions;
import org.sermonuploader.engine.MediaFiles;
import org.sermonuploader.engine.Transfer;
import org.sermonuploader.engine.UploadEngine;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.model.ConnectionReport;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.SermonDetails;
import org.sermonuploader.model.UploadListener;
import org.sermonuploader.watch.WatchFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upload, the use case: the recordings given (or the journal's unfinished ones) go to the server
 * through the service's engine, and the run is summed up. The command line's upload, resume and
 * watch run on it.
 */
public final class UploadRecordings {
  private static final Logger log = LoggerFactory.getLogger(UploadRecordings.class);

  /** A file given that is not uploaded, and why, in plain words. */
  public record Skipped(Path path, String reason) {}

  /** What the paths given expand to: the recordings, and what was left out. */
  public record Expansion(List<Path> files, List<Skipped> skipped) {
    public Expansion {
      files = List.copyOf(files);
      skipped = List.copyOf(skipped);
    }
  }

  /** How a run ended: uploaded (or already there), failed, and waiting for a USB stick. */
  public record Summary(long uploaded, long failed, List<JobSnapshot> waitingForSticks) {
    public Summary {
      waitingForSticks = List.copyOf(waitingForSticks);
    }
  }

  private final UploadService service;
  private final UploadEngine engine;

  public UploadRecordings(UploadService service) {
    this.service = service;
    this.engine = service.engine();
  }

  /**
   * Files stay as given when they are recordings; folders add the recordings inside them. Anything
   * else is skipped, with the reason.
   */
  public static Expansion expand(List<Path> given) {
    MediaFiles.Expansion e = MediaFiles.expand(given);
    List<Skipped> skipped = new ArrayList<>();
    for (MediaFiles.Skipped s : e.skipped()) skipped.add(new Skipped(s.path(), s.reason()));
    return new Expansion(e.files(), skipped);
  }

  /** Whether the file's name says it is a recording the uploader takes (audio or video). */
  public static boolean isRecording(Path file) {
    return MediaFiles.isMedia(file);
  }

  /** The endings of the file names {@link #isRecording} takes ("mp3", "mp4", …), lower case. */
  public static List<String> recordingEndings() {
    List<String> endings = new ArrayList<>(MediaFiles.AUDIO);
    endings.addAll(MediaFiles.VIDEO);
    return endings;
  }

  /**
   * Asks the server whether {@code files} can go, within {@code limit}. When each goes in a single
   * request (it fits one part and has stopped growing) and nothing unfinished is resumed, what only
   * resuming needs is not asked: those requests would hold back a short upload and tell it nothing
   * its own request does not.
   */
  public ConnectionReport checkServer(Duration limit, List<Path> files) {
    return check(service.transfer(), service.resumesUnfinished(), service.settings(), files, limit);
  }

  /**
   * The first {@link #checkServer} of a run, begun before its service opens and on a thread of its
   * own, so that the server answers while the journal opens. For an S3 server named in the settings
   * (the local store and tus are checked through their service): empty otherwise. The answer is
   * null when the settings make no destination; the service's opening names the problem.
   */
  public static Optional<CompletableFuture<ConnectionReport>> checkEarly(
      Settings s, Path dataDir, boolean resumeUnfinished, List<Path> files, Duration limit) {
    try {
      if (EngineSettings.isTus(s) || !s.isSet(Setting.MINIO_ENDPOINT)) return Optional.empty();
    } catch (InvalidSettingException e) {
      return Optional.empty(); // said by the service's opening, in its order
    }
    return Optional.of(
        CompletableFuture.supplyAsync(
            () -> {
              try (Transfer t = Destinations.open(s, dataDir, new ArrayList<>()).transfer()) {
                return check(t, resumeUnfinished, s, files, limit);
              } catch (UploadException | IOException | RuntimeException e) {
                log.debug("No early check of the server: {}", e.toString());
                return null;
              }
            }));
  }

  private static ConnectionReport check(
      Transfer t, boolean resumeUnfinished, Settings s, List<Path> files, Duration limit) {
    return !resumeUnfinished && singleRequests(EngineSettings.options(s), files)
        ? t.checkForSingleRequests(limit)
        : t.check(limit);
  }

  private static boolean singleRequests(EngineOptions options, List<Path> files) {
    if (files.isEmpty()) return false;
    for (Path f : files) {
      try {
        long size = Files.size(f);
        if (size > options.partSizeFor(size)) return false;
        if (UploadEngine.mayStillBeWritten(Files.getLastModifiedTime(f).toMillis())) return false;
      } catch (IOException e) {
        return false; // the engine says what is wrong with it
      }
    }
    return true;
  }

  /** {@code listener} hears of every job from now on. */
  public void listen(UploadListener listener) {
    engine.addListener(
        new UploadListener() {
          @Override
          public void jobChanged(JobSnapshot s) {
            listener.jobChanged(s);
            if (s.state().finished()) heardFinished.put(s.id(), s.state());
          }

          @Override
          public void jobRemoved(long jobId) {
            listener.jobRemoved(jobId);
          }

          @Override
          public void engineEvent(org.sermonuploader.model.EngineEvent event) {
            listener.engineEvent(event);
          }
        });
    listening = true;
  }

  /** The finished state each job's listener has been told of: the summary waits for the last. */
  private final java.util.Map<Long, JobState> heardFinished =
      new java.util.concurrent.ConcurrentHashMap<>();

  private volatile boolean listening;

  /**
   * Waits until the listener has been told each finished job's end: the engine is idle once the
   * state is set, a moment before the runner tells the listeners, and the summary comes after.
   */
  private void awaitHeard(List<JobSnapshot> jobs) throws InterruptedException {
    if (!listening) return;
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    for (JobSnapshot j : jobs) {
      while (j.state().finished()
          && heardFinished.get(j.id()) != j.state()
          && System.nanoTime() < until) {
        Thread.sleep(5);
      }
    }
  }

  /** Whether a recording still being made goes up while it grows (LIVE_UPLOAD with S3). */
  public boolean followsGrowingFiles() {
    return engine.followsGrowingFiles();
  }

  /**
   * Queues {@code files}; returns those that could not be queued (the journal refused them), each
   * with why.
   */
  public List<Skipped> add(List<Path> files) {
    List<Skipped> notQueued = new ArrayList<>();
    engine.addAll(
        files,
        SermonDetails.NONE,
        (p, e) -> notQueued.add(new Skipped(p, String.valueOf(e.getMessage()))));
    return notQueued;
  }

  /**
   * Waits until no job is left to do, then sums up; {@code notQueued} files given but not queued
   * count as failed.
   */
  public Summary awaitEnd(int notQueued) throws InterruptedException {
    engine.awaitIdle(Long.MAX_VALUE, TimeUnit.DAYS);
    service.awaitLeftoverCleanup(); // what it removed is said before the summary
    List<JobSnapshot> jobs = engine.jobs();
    awaitHeard(jobs);
    List<JobSnapshot> waiting = engine.waitingForSticks();
    long ok = jobs.stream().filter(j -> j.state().succeeded()).count();
    return new Summary(ok, jobs.size() - ok - waiting.size() + notQueued, waiting);
  }

  /**
   * The WATCH_FOLDER of the settings, checked: once started, new recordings in it are uploaded as
   * they appear, until it is closed.
   */
  public Watch watch() {
    return new Watch(WatchFolder.fromSettings(service.settings(), engine).orElseThrow());
  }

  /** A folder to watch. */
  public static final class Watch implements AutoCloseable {
    private final WatchFolder folder;

    private Watch(WatchFolder folder) {
      this.folder = folder;
    }

    public Path folder() {
      return folder.folder();
    }

    /** Looks for new recordings from now on, often enough to see one end within its quiet time. */
    public void start() {
      long every = Math.max(1, Math.min(5, folder.quiet().toSeconds() / 3));
      folder.start(Duration.ofSeconds(Math.min(every, 2)));
    }

    @Override
    public void close() {
      folder.close();
    }
  }
}
