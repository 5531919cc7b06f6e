package org.sermonuploader.memory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.concurrent.Threads;
import org.sermonuploader.config.InvalidSettingException;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.model.MemorySample;
import org.sermonuploader.model.PressureLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples memory at a fixed interval and keeps the pressure level the engine asks before every
 * part. Warning pauses new parts; critical also drops parts in flight to one and asks Java once for
 * a full collection (then not again until the cool-down has passed). Nothing here fails an upload:
 * pressure only makes uploads wait, and they carry on when the level falls.
 */
public final class MemoryMonitor implements PressureGate, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MemoryMonitor.class);
  public static final Duration DEFAULT_GC_COOLDOWN = Duration.ofSeconds(60);

  /** Samples kept for the gauge and the status endpoint: two minutes at one a second. */
  public static final int HISTORY_SIZE = 120;

  /** After this many failed readings in a row the monitor stops holding uploads back. */
  static final int FAILURES_BEFORE_GIVING_UP = 10;

  private final MemoryPolicy policy;
  private final MemoryProbe probe;
  private final Duration interval;
  private final Runnable gc;
  private final long gcCooldownNanos;
  private final LongSupplier nanoTime;
  private final List<MemoryListener> listeners = new CopyOnWriteArrayList<>();
  private final ArrayDeque<MemorySample> history = new ArrayDeque<>();
  private volatile PressureLevel level = PressureLevel.NORMAL;
  private volatile @Nullable MemorySample latest;
  private volatile int gcRequests;
  private boolean gcRequested;
  private long lastGcNanos;
  private long warningSinceNanos;
  private int failuresInARow;
  private @Nullable ScheduledExecutorService timer;

  public MemoryMonitor(MemoryPolicy policy, MemoryProbe probe, Duration interval) {
    this(policy, probe, interval, System::gc, DEFAULT_GC_COOLDOWN, System::nanoTime);
  }

  /**
   * @param gc what "free memory" means; System::gc in the app, a counter in tests
   * @param gcCooldown the least time between two requests for a collection
   * @param nanoTime the clock for the cool-down, so tests can move time on
   */
  public MemoryMonitor(
      MemoryPolicy policy,
      MemoryProbe probe,
      Duration interval,
      Runnable gc,
      Duration gcCooldown,
      LongSupplier nanoTime) {
    if (interval.isNegative() || interval.isZero())
      throw new IllegalArgumentException("the interval must be positive");
    this.policy = policy;
    this.probe = probe;
    this.interval = interval;
    this.gc = gc;
    this.gcCooldownNanos = gcCooldown.toNanos();
    this.nanoTime = nanoTime;
  }

  /** A monitor reading this machine's memory, configured by the MEMORY_* settings. */
  public static MemoryMonitor fromSettings(Settings s) {
    SystemMemoryProbe probe = new SystemMemoryProbe();
    MemoryPolicy policy = MemoryPolicy.fromSettings(s).checkFits(probe.sample().systemTotalBytes());
    return new MemoryMonitor(policy, probe, sampleInterval(s));
  }

  public static Duration sampleInterval(Settings s) {
    int ms = s.getInt(Setting.MEMORY_SAMPLE_INTERVAL_MS);
    if (ms < 50 || ms > 60_000) {
      throw new InvalidSettingException(
          Setting.MEMORY_SAMPLE_INTERVAL_MS, "must be between 50 and 60000");
    }
    return Duration.ofMillis(ms);
  }

  /**
   * Takes a first sample at once (so the level is right before the first upload starts), then one
   * every interval on a daemon thread.
   */
  public synchronized MemoryMonitor start() {
    if (timer != null) return this;
    tick();
    timer = Executors.newSingleThreadScheduledExecutor(Threads.daemon("memory-monitor"));
    // tick catches its own failures and the task ends only with shutdownNow: nothing to collect
    var unused =
        timer.scheduleWithFixedDelay(
            this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    log.info(
        "Memory monitor: budget {} MB, warning at {}%, critical at {}%, MemAvailable floor {} MB, every {} ms",
        policy.budgetBytes() >> 20,
        Math.round(policy.warningRatio() * 100),
        Math.round(policy.criticalRatio() * 100),
        policy.minAvailableBytes() >> 20,
        interval.toMillis());
    return this;
  }

  /** One scheduled reading; a throw would cancel the schedule, so nothing escapes. */
  private void tick() {
    try {
      sampleNow();
    } catch (RuntimeException e) {
      readingFailed(e);
    }
  }

  private void readingFailed(RuntimeException e) {
    PressureLevel from;
    synchronized (this) {
      failuresInARow++;
      if (failuresInARow == 1) log.warn("Memory could not be read: {}", e.toString());
      if (failuresInARow != FAILURES_BEFORE_GIVING_UP || level == PressureLevel.NORMAL) return;
      // without readings the monitor cannot tell when to resume: better to carry on than wait
      // forever
      log.warn(
          "Memory could not be read {} times in a row; uploads are no longer held back",
          failuresInARow);
      from = level;
      level = PressureLevel.NORMAL;
    }
    fire(from, PressureLevel.NORMAL, latest);
  }

  /**
   * Reads memory now, updates the level, asks for a collection if memory is critical, and tells the
   * listeners when the level changed. Also called by tests to step the monitor.
   */
  public MemorySample sampleNow() {
    MemorySample s;
    PressureLevel from;
    PressureLevel to;
    synchronized (this) {
      // read under the lock so that two callers cannot apply their readings out of order
      s = probe.sample();
      failuresInARow = 0;
      latest = s;
      history.addLast(s);
      while (history.size() > HISTORY_SIZE) history.removeFirst();
      from = level;
      to = policy.next(from, s);
      level = to;
      long now = nanoTime.getAsLong();
      if (to == PressureLevel.WARNING && from != PressureLevel.WARNING) warningSinceNanos = now;
      if (to == PressureLevel.CRITICAL) {
        requestCollection(now, "memory is critical", gcCooldownNanos);
      } else if (to == PressureLevel.WARNING
          && MemoryPolicy.heapUsage(s) >= policy.warningRatio()) {
        // the heap "after the last collection" counts what only a full collection frees (old
        // garbage): ask at once, and again every sixth of the cool-down while it lasts, rather than
        // hold every upload for a whole cool-down (61 s seen with 2,000 small files, -Xmx32m)
        requestCollection(now, "the heap looks full", gcCooldownNanos / 6);
      } else if (to == PressureLevel.WARNING && now - warningSinceNanos >= gcCooldownNanos) {
        // an idle app allocates nothing, so garbage left in the heap would never be collected and
        // the uploads would wait for good: after a whole cool-down in warning, ask once
        requestCollection(now, "memory has been short for a while", gcCooldownNanos);
      }
    }
    if (from != to) {
      log.info(
          "Memory pressure {} -> {}: process {} MB of {} MB budget ({}%), heap {} MB used, {} MB after the last collection of {} MB, system available {}",
          from.words(),
          to.words(),
          s.rssBytes() >> 20,
          policy.budgetBytes() >> 20,
          Math.round(policy.usage(s) * 100),
          s.heapUsedBytes() >> 20,
          s.heapAfterGcBytes() >> 20,
          s.heapMaxBytes() >> 20,
          s.availableKnown() ? (s.systemAvailableBytes() >> 20) + " MB" : "unknown");
      fire(from, to, s);
    }
    return s;
  }

  @SuppressWarnings(
      "NonAtomicVolatileUpdate") // only called under the monitor's lock; volatile is for readers
  private void requestCollection(long now, String why, long cooldownNanos) {
    if (gcRequested && now - lastGcNanos < cooldownNanos) return;
    gcRequested = true;
    lastGcNanos = now;
    gcRequests++;
    log.info("Asking Java to free memory ({})", why);
    try {
      gc.run();
    } catch (RuntimeException e) {
      log.warn("The request to free memory failed: {}", e.toString());
    }
  }

  private void fire(PressureLevel from, PressureLevel to, @Nullable MemorySample s) {
    for (MemoryListener l : listeners) {
      try {
        l.levelChanged(from, to, s);
      } catch (RuntimeException e) {
        log.warn("A memory listener failed", e);
      }
    }
  }

  @Override
  public PressureLevel level() {
    return level;
  }

  public MemoryPolicy policy() {
    return policy;
  }

  public Duration interval() {
    return interval;
  }

  /** The most recent reading; empty before the first. */
  public Optional<MemorySample> latest() {
    return Optional.ofNullable(latest);
  }

  /** The last {@link #HISTORY_SIZE} readings, oldest first. */
  public synchronized List<MemorySample> history() {
    return new ArrayList<>(history);
  }

  /** How often a collection was requested since the start. */
  public int gcRequests() {
    return gcRequests;
  }

  /** Plain-language advice for the latest reading (e.g. "Memory usage is healthy"). */
  public List<String> recommendations() {
    return policy.recommendations(level, latest);
  }

  public void addListener(MemoryListener l) {
    listeners.add(l);
  }

  public void removeListener(MemoryListener l) {
    listeners.remove(l);
  }

  @Override
  public synchronized void close() {
    if (timer != null) timer.shutdownNow();
    timer = null;
  }
}
