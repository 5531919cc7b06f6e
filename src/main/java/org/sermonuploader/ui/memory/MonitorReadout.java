package org.sermonuploader.ui.memory;

import java.util.Optional;
import java.util.function.Supplier;
import org.sermonuploader.memory.MemoryMonitor;
import org.sermonuploader.memory.MemoryPolicy;
import org.sermonuploader.model.MemorySample;
import org.sermonuploader.model.PressureLevel;

/**
 * The gauge's figures from the app's memory monitor, so it shows the very level that pauses
 * uploads: the process's resident memory against the budget. While no backend with a monitor runs
 * the fallback readout speaks instead, which says nothing until it knows the settings in force.
 */
public final class MonitorReadout implements MemoryReadout {
  private final Supplier<Optional<MemoryMonitor>> monitor;
  private final MemoryReadout fallback;

  public MonitorReadout(Supplier<Optional<MemoryMonitor>> monitor, MemoryReadout fallback) {
    this.monitor = monitor;
    this.fallback = fallback;
  }

  @Override
  public Reading read() {
    Optional<MemoryMonitor> m = monitor.get();
    if (m.isPresent()) {
      Optional<MemorySample> s = m.get().latest();
      if (s.isPresent()) return of(s.get(), m.get().level(), m.get().policy());
    }
    return fallback.read();
  }

  static Reading of(MemorySample s, PressureLevel level, MemoryPolicy policy) {
    if (s.rssBytes() >= 0) {
      return new Reading(
          s.rssBytes(),
          policy.budgetBytes(),
          s.systemAvailableBytes(),
          s.systemTotalBytes(),
          level,
          s.heapUsedBytes(),
          s.heapMaxBytes());
    }
    return new Reading(
        s.heapUsedBytes(),
        s.heapMaxBytes(),
        s.systemAvailableBytes(),
        s.systemTotalBytes(),
        level,
        s.heapUsedBytes(),
        s.heapMaxBytes());
  }
}
