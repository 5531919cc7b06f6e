package org.sermonuploader.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.memory.PressureLevel;

/** Heap from the JVM, MemAvailable and MemTotal from /proc/meminfo, and a level from thresholds. */
public final class SystemMemoryReadout implements MemoryReadout {
  private final Path meminfo;
  private volatile double warningShare;
  private volatile double criticalShare;
  private volatile long minAvailable;

  public SystemMemoryReadout(
      Path meminfo, double warningShare, double criticalShare, long minAvailableBytes) {
    this.meminfo = meminfo;
    this.warningShare = warningShare;
    this.criticalShare = criticalShare;
    this.minAvailable = minAvailableBytes;
  }

  /** Reads this machine with the default thresholds of the settings. */
  public static SystemMemoryReadout forThisMachine() {
    SystemMemoryReadout r =
        new SystemMemoryReadout(Path.of("/proc/meminfo"), 0.8, 0.95, 200L << 20);
    r.useSettings(Settings.defaults());
    return r;
  }

  /**
   * Thresholds from the settings (MEMORY_PRESSURE_THRESHOLD, MEMORY_CRITICAL_THRESHOLD,
   * MEMORY_MIN_AVAILABLE_MB).
   */
  public void useSettings(Settings s) {
    try {
      double warn = s.getDouble(Setting.MEMORY_PRESSURE_THRESHOLD);
      double crit = s.getDouble(Setting.MEMORY_CRITICAL_THRESHOLD);
      long min = (long) s.getInt(Setting.MEMORY_MIN_AVAILABLE_MB) << 20;
      warningShare = warn;
      criticalShare = crit;
      minAvailable = min;
    } catch (RuntimeException e) {
      // a bad value is reported where the settings are checked; the gauge keeps what it had
    }
  }

  @Override
  public Reading read() {
    Runtime rt = Runtime.getRuntime();
    long heapUsed = rt.totalMemory() - rt.freeMemory();
    long heapMax = rt.maxMemory();
    long available = -1;
    long total = -1;
    try {
      List<String> lines = Files.readAllLines(meminfo);
      for (String line : lines) {
        if (line.startsWith("MemAvailable:")) available = kib(line);
        else if (line.startsWith("MemTotal:")) total = kib(line);
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or no /proc: the gauge shows the heap only
    }
    return new Reading(heapUsed, heapMax, available, total, level(heapUsed, heapMax, available));
  }

  PressureLevel level(long heapUsed, long heapMax, long available) {
    double share = heapMax > 0 ? (double) heapUsed / heapMax : 0;
    if (share >= criticalShare || (available >= 0 && available < minAvailable / 2))
      return PressureLevel.CRITICAL;
    if (share >= warningShare || (available >= 0 && available < minAvailable))
      return PressureLevel.WARNING;
    return PressureLevel.NORMAL;
  }

  private static long kib(String line) {
    String[] parts = line.trim().split("\\s+");
    return Long.parseLong(parts[1]) * 1024;
  }
}
