package org.sermonuploader.app;

import java.util.Optional;
import org.sermonuploader.memory.MemoryMonitor;
import org.sermonuploader.model.MemoryReading;

/** The running uploader's memory monitor as a face reads it: the level that pauses uploads. */
public final class MemoryWatch {
  private final MemoryMonitor monitor;

  private MemoryWatch(MemoryMonitor monitor) {
    this.monitor = monitor;
  }

  /** The monitor of {@code service}; empty when it runs without one. */
  public static Optional<MemoryWatch> of(UploadService service) {
    return service.memory().map(MemoryWatch::new);
  }

  /** The controls of {@code monitor}, for a face started on a monitor of its own. */
  public static MemoryWatch of(MemoryMonitor monitor) {
    return new MemoryWatch(monitor);
  }

  /** The monitor's latest reading; empty before its first. */
  public Optional<MemoryReading> latest() {
    return monitor
        .latest()
        .map(s -> new MemoryReading(s, monitor.level(), monitor.policy().budgetBytes()));
  }
}
