package org.sermonuploader.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.concurrent.Threads;
import org.sermonuploader.config.InvalidSettingException;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.engine.JournalException;
import org.sermonuploader.engine.MediaFiles;
import org.sermonuploader.engine.OpenWriters;
import org.sermonuploader.engine.UploadEngine;
import org.sermonuploader.model.HistoryEntry;
import org.sermonuploader.model.JobSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues new recordings that appear in a folder (where the recorder or a network share writes) once
 * they have stopped growing: size and modification time unchanged for the quiet time. It polls,
 * because network shares do not deliver change events reliably.
 *
 * <p>When the engine uploads recordings while they are made (LIVE_UPLOAD, S3), a file a process on
 * this computer holds open for writing is queued at once and the engine follows it as it grows
 * (files written from elsewhere, as on a share, still wait for the quiet time); a job not finished
 * yet for the same path keeps it from being queued twice.
 *
 * <p>A file is queued once. It is skipped when the upload list already has it (in any state, so a
 * cancelled one stays cancelled) or the history has a finished upload with its name and size. Files
 * that are empty, hidden or not audio/video are ignored.
 */
public final class WatchFolder implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WatchFolder.class);
  private static final int MAX_DEPTH = 8;

  private final UploadEngine engine;
  private final Path folder;
  private final Duration quiet;
  private final Clock clock;

  /**
   * Files not queued yet, with the size and time last seen and since when they have not changed.
   */
  private final Map<Path, Sighting> waiting = new HashMap<>();

  /** Files dealt with (queued or skipped), as they were then; a changed file is looked at again. */
  private final Set<FileFacts> handled = new HashSet<>();

  private @Nullable ScheduledExecutorService poller;
  private boolean missingSaid;

  private record Sighting(long size, long mtime, Instant since) {}

  private record FileFacts(Path path, long size, long mtime) {}

  public WatchFolder(UploadEngine engine, Path folder, Duration quiet, Clock clock) {
    this.engine = engine;
    this.folder = folder.toAbsolutePath().normalize();
    this.quiet = quiet;
    this.clock = clock;
  }

  /** The watch folder the settings ask for, if any. */
  public static Optional<WatchFolder> fromSettings(Settings settings, UploadEngine engine) {
    Optional<String> dir = settings.optional(Setting.WATCH_FOLDER);
    if (dir.isEmpty()) return Optional.empty();
    int quietSeconds = settings.getInt(Setting.WATCH_QUIET_SECONDS);
    if (quietSeconds < 1)
      throw new InvalidSettingException(Setting.WATCH_QUIET_SECONDS, "must be at least 1");
    return Optional.of(
        new WatchFolder(
            engine,
            Path.of(dir.get().trim()),
            Duration.ofSeconds(quietSeconds),
            Clock.systemUTC()));
  }

  public Path folder() {
    return folder;
  }

  public Duration quiet() {
    return quiet;
  }

  /** Looks every {@code interval} on a daemon thread ("watch-folder"). */
  public synchronized void start(Duration interval) {
    if (poller != null) return;
    poller = Executors.newSingleThreadScheduledExecutor(Threads.daemon("watch-folder"));
    // the task catches its own failures and ends only with shutdownNow: nothing to collect
    var unused =
        poller.scheduleWithFixedDelay(
            () -> {
              try {
                pollOnce();
              } catch (RuntimeException e) {
                log.warn("Looking at the watch folder failed", e);
              }
            },
            0,
            interval.toMillis(),
            TimeUnit.MILLISECONDS);
    log.info(
        "Watching {} for new recordings (queued after {} s without change)",
        folder,
        quiet.toSeconds());
  }

  /** One look on the calling thread. Returns the files it queued. */
  public List<Path> pollOnce() {
    synchronized (waiting) {
      Instant now = clock.instant();
      if (!Files.isDirectory(folder)) {
        // a network share that is down: keep what we know and look again later
        if (!missingSaid) log.warn("The watch folder {} is not there (yet)", folder);
        missingSaid = true;
        return List.of();
      }
      missingSaid = false;
      List<FileFacts> files = list();
      Set<Path> present = new HashSet<>();
      List<FileFacts> ready = new ArrayList<>();
      // an engine that follows growing files takes a recording the moment a recorder is seen on it
      boolean live = engine.followsGrowingFiles();
      for (FileFacts f : files) {
        present.add(f.path());
        if (handled.contains(f)) continue;
        Sighting s = waiting.get(f.path());
        if (live && OpenWriters.heldForWriting(f.path())) {
          ready.add(f);
        } else if (s == null || s.size() != f.size() || s.mtime() != f.mtime()) {
          waiting.put(f.path(), new Sighting(f.size(), f.mtime(), now));
        } else if (!Duration.between(s.since(), now).minus(quiet).isNegative()) {
          ready.add(f);
        }
      }
      waiting.keySet().retainAll(present);
      handled.removeIf(h -> !present.contains(h.path()));
      return ready.isEmpty() ? List.of() : queue(ready);
    }
  }

  private List<Path> queue(List<FileFacts> ready) {
    List<Path> queued = new ArrayList<>();
    Set<String> uploaded = new HashSet<>();
    try {
      for (HistoryEntry h : engine.history()) uploaded.add(h.fileName() + "\u0000" + h.size());
    } catch (JournalException e) {
      log.error("Could not read the upload history; the watch folder waits", e);
      return queued;
    }
    Map<Path, Long> inList = new HashMap<>();
    Set<Path> following = new HashSet<>();
    for (JobSnapshot j : engine.jobs()) {
      inList.put(j.path(), j.size());
      if (!j.state().finished()) following.add(j.path());
    }
    ready.sort(
        Comparator.comparingLong(FileFacts::mtime)); // oldest first: the order they were recorded
    for (FileFacts f : ready) {
      String name = f.path().getFileName().toString();
      if (uploaded.contains(name + "\u0000" + f.size())) {
        log.info("Watch folder: {} was uploaded before; not queued again", name);
      } else if (Long.valueOf(f.size()).equals(inList.get(f.path()))
          || following.contains(f.path())) {
        log.debug("Watch folder: {} is in the upload list already", name);
      } else {
        try {
          if (engine.add(f.path(), null).isNew()) {
            queued.add(f.path());
            log.info("Watch folder: queued {} ({} bytes)", f.path(), f.size());
          }
        } catch (JournalException e) {
          log.error("Could not queue {} from the watch folder", f.path(), e);
          continue;
        }
      }
      waiting.remove(f.path());
      handled.add(f);
    }
    return queued;
  }

  private List<FileFacts> list() {
    List<FileFacts> out = new ArrayList<>();
    try {
      MediaFiles.walk(
          folder,
          MAX_DEPTH,
          name -> name.startsWith("."),
          (file, attrs) -> {
            if (attrs.size() > 0 && !file.getFileName().toString().startsWith(".")) {
              out.add(new FileFacts(file, attrs.size(), attrs.lastModifiedTime().toMillis()));
            }
          },
          (file, e) -> log.debug("Watch folder: can't read {}: {}", file, e.toString()));
    } catch (IOException e) {
      log.warn("Watch folder {} can't be read: {}", folder, e.toString());
    }
    return out;
  }

  @Override
  public synchronized void close() {
    if (poller == null) return;
    poller.shutdownNow();
    try {
      poller.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    poller = null;
  }
}
