package org.sermonuploader.ui.memory;

import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.app.MemoryWatch;
import org.sermonuploader.model.MemoryReading;
import org.sermonuploader.model.MemorySample;

/**
 * The gauge's figures from the app's memory monitor, so it shows the very level that pauses
 * uploads: the process's resident memory against the budget. While no backend with a monitor runs
 * the fallback readout speaks instead, which says nothing until it knows the settings in force.
 */
public final class MonitorReadout implements MemoryReadout {
  private final Supplier<Optional<MemoryWatch>> monitor;
  private final MemoryReadout fallback;

  public MonitorReadout(Supplier<Optional<MemoryWatch>> monitor, MemoryReadout fallback) {
    this.monitor = monitor;
    this.fallback = fallback;
  }

  @Override
  public @Nullable Reading read() {
    Optional<MemoryReading> r = monitor.get().flatMap(MemoryWatch::latest);
    if (r.isPresent()) return of(r.get());
    return fallback.read();
  }

  static Reading of(MemoryReading r) {
    MemorySample s = r.sample();
    if (s.rssBytes() >= 0) {
      return new Reading(
          s.rssBytes(),
          r.budgetBytes(),
          s.systemAvailableBytes(),
          s.systemTotalBytes(),
          r.level(),
          s.heapUsedBytes(),
          s.heapMaxBytes());
    }
    return new Reading(
        s.heapUsedBytes(),
        s.heapMaxBytes(),
        s.systemAvailableBytes(),
        s.systemTotalBytes(),
        r.level(),
        s.heapUsedBytes(),
        s.heapMaxBytes());
  }
}
