package org.sermonuploader.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.config.InvalidSettingException;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.model.MemorySample;
import org.sermonuploader.model.PressureLevel;

/**
 * Turns a memory sample into a pressure level.
 *
 * <p>Usage is the process's resident memory (RSS) divided by the budget. RSS is what the kernel
 * counts against the Pi's 4 GB and what the OOM killer looks at: heap plus metaspace, thread
 * stacks, direct buffers, JavaFX textures and SQLite's native memory. Heap used alone would say
 * "fine" while the process is far larger, and it drops after every collection while the memory
 * stays taken from the system. System MemAvailable is checked as well, because MinIO and the
 * desktop share the same memory: the Pi can run short while this app is small.
 *
 * <p>Levels rise at once and fall only with a margin (hysteresis), so a reading that hovers around
 * a threshold does not pause and resume uploads every second: warning is left only below the
 * warning threshold minus 10 points, critical only below the critical threshold minus 10 points;
 * for MemAvailable the release point is a quarter above the limit.
 *
 * @param budgetBytes the app's memory budget (MAX_MEMORY_MONITOR_MB)
 * @param warningRatio share of the budget where uploads pause (MEMORY_PRESSURE_THRESHOLD)
 * @param criticalRatio share of the budget where memory is critical (MEMORY_CRITICAL_THRESHOLD)
 * @param minAvailableBytes below this much system MemAvailable uploads pause, below half of it
 *     memory is critical (MEMORY_MIN_AVAILABLE_MB; 0 turns the check off)
 */
public record MemoryPolicy(
    long budgetBytes, double warningRatio, double criticalRatio, long minAvailableBytes) {
  /** How far below a threshold usage must fall before the level drops: 10 points. */
  public static final double RELEASE_MARGIN = 0.10;

  /** MemAvailable must climb this far above its limit before the level drops. */
  public static final double AVAILABLE_RELEASE_FACTOR = 1.25;

  public MemoryPolicy {
    if (budgetBytes <= 0)
      throw new IllegalArgumentException("the memory budget must be more than 0");
    if (!(warningRatio > 0 && warningRatio < criticalRatio && criticalRatio <= 1.0)) {
      throw new IllegalArgumentException("thresholds must satisfy 0 < warning < critical <= 1");
    }
    if (minAvailableBytes < 0)
      throw new IllegalArgumentException("the minimum available must not be negative");
  }

  /**
   * From MAX_MEMORY_MONITOR_MB, MEMORY_PRESSURE_THRESHOLD, MEMORY_CRITICAL_THRESHOLD,
   * MEMORY_MIN_AVAILABLE_MB.
   */
  public static MemoryPolicy fromSettings(Settings s) {
    int budgetMb = s.getInt(Setting.MAX_MEMORY_MONITOR_MB);
    if (budgetMb <= 0)
      throw new InvalidSettingException(Setting.MAX_MEMORY_MONITOR_MB, "must be more than 0");
    double warning = s.getDouble(Setting.MEMORY_PRESSURE_THRESHOLD);
    if (!(warning > 0 && warning < 1)) {
      throw new InvalidSettingException(
          Setting.MEMORY_PRESSURE_THRESHOLD, "must be between 0 and 1, e.g. 0.8");
    }
    double critical = s.getDouble(Setting.MEMORY_CRITICAL_THRESHOLD);
    if (!(critical > warning && critical <= 1)) {
      throw new InvalidSettingException(
          Setting.MEMORY_CRITICAL_THRESHOLD,
          "must be above MEMORY_PRESSURE_THRESHOLD (" + warning + ") and at most 1, e.g. 0.95");
    }
    int minAvailableMb = s.getInt(Setting.MEMORY_MIN_AVAILABLE_MB);
    if (minAvailableMb < 0) {
      throw new InvalidSettingException(Setting.MEMORY_MIN_AVAILABLE_MB, "must be 0 (off) or more");
    }
    return new MemoryPolicy((long) budgetMb << 20, warning, critical, (long) minAvailableMb << 20);
  }

  /**
   * Refuses a MemAvailable limit this computer can never get back above: uploads paused for it
   * carry on only once MemAvailable is a quarter above the limit, so with that much more than the
   * whole memory they would wait for ever. {@code systemTotalBytes} below 0 means unknown.
   */
  public MemoryPolicy checkFits(long systemTotalBytes) {
    long release = (long) (minAvailableBytes * AVAILABLE_RELEASE_FACTOR);
    if (systemTotalBytes > 0 && release > systemTotalBytes) {
      throw new InvalidSettingException(
          Setting.MEMORY_MIN_AVAILABLE_MB,
          String.format(
              Locale.ROOT,
              "%d MB can't work here: this computer has %d MB of memory in all, and uploads paused"
                  + " for low memory carry on only once %d MB are free, so they would wait for"
                  + " ever. Use at most %d MB (the default is %s).",
              minAvailableBytes >> 20,
              systemTotalBytes >> 20,
              release >> 20,
              (long) (systemTotalBytes / AVAILABLE_RELEASE_FACTOR) >> 20,
              Setting.MEMORY_MIN_AVAILABLE_MB.defaultValue()));
    }
    return this;
  }

  /**
   * The larger of two shares: the process's resident memory of the budget, and the heap live after
   * the last collection of Java's heap limit (1.0 = all of it). Either running out stops uploads.
   */
  public double usage(MemorySample s) {
    return Math.max(rssUsage(s), heapUsage(s));
  }

  /** The process's resident memory as a share of the budget. */
  public double rssUsage(MemorySample s) {
    return s.rssBytes() < 0 ? 0 : (double) s.rssBytes() / budgetBytes;
  }

  /**
   * The heap live after the last collection as a share of the most Java may take (-Xmx); 0 when the
   * limit is unknown. After a collection, not now: garbage waiting for the next one is no pressure.
   */
  public static double heapUsage(MemorySample s) {
    if (s.heapMaxBytes() <= 0 || s.heapAfterGcBytes() < 0) return 0;
    return (double) s.heapAfterGcBytes() / s.heapMaxBytes();
  }

  /** The level this sample shows on its own, without hysteresis. */
  public PressureLevel levelOf(MemorySample s) {
    double u = usage(s);
    if (u >= criticalRatio || availableBelow(s, minAvailableBytes / 2))
      return PressureLevel.CRITICAL;
    if (u >= warningRatio || availableBelow(s, minAvailableBytes)) return PressureLevel.WARNING;
    return PressureLevel.NORMAL;
  }

  /** The level after {@code current} given a new sample: up at once, down only past the margin. */
  public PressureLevel next(PressureLevel current, MemorySample s) {
    PressureLevel raw = levelOf(s);
    if (raw.compareTo(current) >= 0) return raw;
    double u = usage(s);
    if (current == PressureLevel.CRITICAL
        && (u >= criticalRatio - RELEASE_MARGIN
            || availableBelow(s, (long) (minAvailableBytes / 2.0 * AVAILABLE_RELEASE_FACTOR)))) {
      return PressureLevel.CRITICAL;
    }
    if (u >= warningRatio - RELEASE_MARGIN
        || availableBelow(s, (long) (minAvailableBytes * AVAILABLE_RELEASE_FACTOR))) {
      return PressureLevel.WARNING;
    }
    return PressureLevel.NORMAL;
  }

  private static boolean availableBelow(MemorySample s, long limit) {
    return limit > 0 && s.availableKnown() && s.systemAvailableBytes() < limit;
  }

  /** What the numbers mean and what would help, in plain words. */
  public List<String> recommendations(PressureLevel level, @Nullable MemorySample s) {
    List<String> out = new ArrayList<>();
    if (s == null) {
      out.add("No memory reading yet");
      return out;
    }
    double u = rssUsage(s);
    if (level == PressureLevel.NORMAL) {
      out.add("Memory usage is healthy");
    } else {
      if (heapUsage(s) >= warningRatio - RELEASE_MARGIN) {
        out.add(
            String.format(
                Locale.ROOT,
                "Java's heap is %d MB full of its %d MB even after freeing memory; uploads wait until it is below %d MB and then carry on by themselves",
                s.heapAfterGcBytes() >> 20,
                s.heapMaxBytes() >> 20,
                (long) (s.heapMaxBytes() * (warningRatio - RELEASE_MARGIN)) >> 20));
      }
      if (u >= warningRatio - RELEASE_MARGIN) {
        out.add(
            String.format(
                Locale.ROOT,
                "The app uses %d MB of its %d MB budget; uploads wait until it is below %d MB and then carry on by themselves",
                s.rssBytes() >> 20,
                budgetBytes >> 20,
                (long) (budgetBytes * (warningRatio - RELEASE_MARGIN)) >> 20));
      }
      if (availableBelow(s, (long) (minAvailableBytes * AVAILABLE_RELEASE_FACTOR))) {
        out.add(
            String.format(
                Locale.ROOT,
                "This computer has only %d MB of memory left for programs (uploads want %d MB); close programs or stop services that are not needed",
                s.systemAvailableBytes() >> 20,
                minAvailableBytes >> 20));
      }
      if (level == PressureLevel.CRITICAL) {
        out.add("Memory is critical: uploads are paused and the app asked Java to free memory");
      } else {
        out.add("Uploads are paused until memory is freed; nothing is lost");
      }
    }
    if (s.heapMaxBytes() > 0 && s.heapMaxBytes() > budgetBytes * (warningRatio - RELEASE_MARGIN)) {
      out.add(
          String.format(
              Locale.ROOT,
              "Java may grow its heap to %d MB, close to or above the budget of %d MB; start it with a smaller -Xmx or raise MAX_MEMORY_MONITOR_MB",
              s.heapMaxBytes() >> 20,
              budgetBytes >> 20));
    }
    return out;
  }
}
