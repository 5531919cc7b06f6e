package org.sermonuploader.stations;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.concurrent.Threads;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.engine.s3.S3AppRecords;
import org.sermonuploader.model.StationReport;
import org.sermonuploader.model.StationState;
import org.sermonuploader.model.UploadExpectation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes this station's heartbeat into the bucket: at start, on a change of state (at most one
 * write per {@link Timing#minGap}), every {@link Timing#every}, and "stopped" at a clean close
 * (waited for at most {@link Timing#stopWait}, then dropped). It runs on a thread of its own that
 * only polls the station's state: uploads never wait for it, and a heartbeat that fails is only
 * logged. A station whose user may not write the heartbeat says so once and goes on uploading.
 *
 * <p>Before each write it reads its key: a heartbeat there from another run of the same name, seen
 * recently, from another host or data folder, is a second station using this name; both are told
 * (each finds the other's heartbeat in turn). The same host and data folder is a restart.
 */
public final class Heartbeat implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);

  /** How often the heartbeat is written, and how long a run of the same name counts as alive. */
  public record Timing(Duration every, Duration minGap, Duration stopWait, Duration aliveFor) {
    public static final Timing DEFAULT =
        new Timing(
            Duration.ofSeconds(60),
            Duration.ofSeconds(10),
            Duration.ofMillis(200),
            Duration.ofMinutes(3));
  }

  /**
   * Who the station is, and when its recordings are expected (or null); the same in every heartbeat
   * of one run.
   */
  public record Identity(
      String name,
      String version,
      String host,
      String dataFolder,
      @Nullable UploadExpectation expected) {
    public Identity(String name, String version, String host, String dataFolder) {
      this(name, version, host, dataFolder, null);
    }
  }

  private final StationStore store;
  private final Identity id;
  private final String runId = UUID.randomUUID().toString();
  private final String key;
  private final StationFacts facts;
  private final Clock clock;
  private final Timing timing;
  private final Consumer<String> tell;
  private final Object lock = new Object();
  private @Nullable ScheduledExecutorService thread; // guarded by lock

  // touched only by the heartbeat's thread (or a test calling tick()), never under a lock: a
  // write stuck on a slow server must not hold up close()
  private Duration serverOffset = Duration.ZERO;
  private @Nullable Instant started;
  private @Nullable Instant lastWrite;
  private @Nullable StationState lastState;
  private volatile @Nullable String duplicate;
  private @Nullable Instant duplicateSeen;
  private boolean toldDenied;
  private boolean toldFailure;
  private volatile boolean stopped;

  public Heartbeat(
      StationStore store,
      Identity id,
      StationFacts facts,
      Clock clock,
      Timing timing,
      Consumer<String> tell) {
    this.store = store;
    this.id = id;
    this.key = StationKeys.key(id.name());
    this.facts = facts;
    this.clock = clock;
    this.timing = timing;
    this.tell = tell;
  }

  /** Starts the heartbeat's thread: the first write goes out at once. */
  public Heartbeat start() {
    synchronized (lock) {
      if (thread != null) return this;
      ScheduledThreadPoolExecutor t =
          new ScheduledThreadPoolExecutor(1, Threads.daemon("station-heartbeat"));
      t.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
      t.execute(this::tickQuietly); // the first heartbeat at once
      Threads.every(t, Duration.ofSeconds(1), "Station heartbeat", this::tick);
      thread = t;
      return this;
    }
  }

  public String runId() {
    return runId;
  }

  /** What this station knows of another using its name, in words; empty when none. */
  public Optional<String> duplicate() {
    return Optional.ofNullable(duplicate);
  }

  /** The server's clock as this station best knows it. */
  Instant serverNow() {
    return clock.instant().plus(serverOffset);
  }

  /**
   * Writes when one is due: the first, a changed state {@link Timing#minGap} after the last write,
   * or {@link Timing#every} after it. The heartbeat's thread calls this every second; tests call it
   * with a clock of their own.
   */
  public void tick() {
    if (stopped) return;
    Instant now = clock.instant();
    StationState state = facts.state();
    boolean due =
        lastWrite == null
            || !now.isBefore(lastWrite.plus(timing.every()))
            || (state != lastState && !now.isBefore(lastWrite.plus(timing.minGap())));
    if (due) write(facts.activity(), true);
  }

  private void tickQuietly() {
    try {
      tick();
    } catch (RuntimeException e) {
      log.warn("Station heartbeat failed", e); // the thread must go on ticking
    }
  }

  /** One write; false when it did not go out. */
  private boolean write(StationReport.Activity activity, boolean lookForOthers) {
    lastWrite = clock.instant();
    lastState = activity.state();
    try {
      if (lookForOthers) lookForAnotherStation();
      Instant serverNow = serverNow();
      if (started == null) started = serverNow;
      StationReport report =
          new StationReport(
              id.name(),
              runId,
              id.version(),
              id.host(),
              id.dataFolder(),
              started,
              serverNow,
              activity,
              duplicate,
              id.expected());
      Instant date = store.write(key, StationJson.write(report));
      if (date != null) serverOffset = Duration.between(clock.instant(), date);
      toldFailure = false;
      return true;
    } catch (UploadException e) {
      if (e.reason() == UploadException.Reason.ACCESS_DENIED) {
        if (!toldDenied) {
          toldDenied = true;
          log.warn("Station heartbeat refused under {}: {}", StationKeys.PREFIX, e.describe());
          tell.accept(
              "This station may not write under "
                  + StationKeys.PREFIX
                  + " in the bucket, so other stations cannot see it. Uploads are not affected.");
        }
      } else if (!toldFailure) {
        toldFailure = true;
        log.warn("Station heartbeat not written: {}", e.describe());
      } else {
        log.debug("Station heartbeat not written: {}", e.describe());
      }
      return false;
    }
  }

  private void lookForAnotherStation() throws UploadException {
    Optional<S3AppRecords.Fetched> there = store.read(key);
    if (there.isPresent()) {
      S3AppRecords.Fetched f = there.get();
      // the server's clock twice (when written, when read): right whatever this station's clock
      if (f.serverTime() != null) serverOffset = Duration.between(clock.instant(), f.serverTime());
      try {
        StationReport other = StationJson.read(f.body());
        boolean restart =
            other.host().equals(id.host()) && other.dataFolder().equals(id.dataFolder());
        Instant written = f.lastModified() != null ? f.lastModified() : other.lastSeen();
        boolean alive =
            other.activity().state() != StationState.STOPPED
                && written.isAfter(serverNow().minus(timing.aliveFor()));
        if (!other.runId().equals(runId) && !restart && alive) {
          String words =
              "another station uses the name \""
                  + id.name()
                  + "\" ("
                  + other.host()
                  + ", "
                  + other.dataFolder()
                  + "); give each station its own STATION_NAME";
          if (duplicate == null) {
            log.warn("Station name taken: {}", words);
            tell.accept(capitalised(words) + ".");
          }
          duplicate = words;
          duplicateSeen = clock.instant();
        }
      } catch (IOException e) {
        log.info("The heartbeat under {} is not one this version reads; it is replaced", key);
      }
    }
    if (duplicateSeen != null && duplicateSeen.isBefore(clock.instant().minus(timing.aliveFor()))) {
      duplicate = null;
      duplicateSeen = null;
    }
  }

  private static String capitalised(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /**
   * Writes "stopped" and ends the thread; waits at most {@link Timing#stopWait} for the write, so a
   * command's exit is never held up by a slow server.
   */
  @Override
  public void close() {
    ScheduledExecutorService t;
    synchronized (lock) {
      t = thread;
      thread = null;
    }
    if (stopped) return;
    StationReport.Activity last;
    try {
      last = facts.activity().in(StationState.STOPPED);
    } catch (RuntimeException e) {
      log.warn("Station heartbeat: the last state could not be read", e);
      stopped = true;
      if (t != null) t.shutdownNow();
      return;
    }
    if (t == null) {
      write(last, false);
      stopped = true;
      return;
    }
    Future<Boolean> f = t.submit(() -> write(last, false));
    stopped = true;
    try {
      f.get(timing.stopWait().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.info(
          "The \"stopped\" heartbeat was not answered within {} ms; dropped",
          timing.stopWait().toMillis());
    } catch (ExecutionException e) {
      log.warn("The \"stopped\" heartbeat failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      t.shutdownNow();
    }
  }
}
