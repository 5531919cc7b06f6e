package org.sermonuploader.ui.memory;

import org.sermonuploader.config.Settings;
import org.sermonuploader.memory.MemoryPolicy;
import org.sermonuploader.memory.MemoryProbe;
import org.sermonuploader.memory.SystemMemoryProbe;
import org.sermonuploader.model.MemorySample;

/**
 * The gauge's figures while no memory monitor runs (a backend being reopened after the settings
 * changed, or settings that could not be used): this machine read by the memory package's probe and
 * judged by the memory policy of the settings last in force, just as the monitor judges it, so the
 * gauge does not jump when the monitor takes over. Until it is told those settings it reads
 * nothing: a budget it would have to guess is a figure the monitor would replace with another.
 */
public final class SystemMemoryReadout implements MemoryReadout {
  private final MemoryProbe probe;
  private volatile MemoryPolicy policy;

  public SystemMemoryReadout(MemoryProbe probe) {
    this.probe = probe;
  }

  public static SystemMemoryReadout forThisMachine() {
    return new SystemMemoryReadout(new SystemMemoryProbe());
  }

  /**
   * The policy from the settings (MAX_MEMORY_MONITOR_MB, MEMORY_PRESSURE_THRESHOLD,
   * MEMORY_CRITICAL_THRESHOLD, MEMORY_MIN_AVAILABLE_MB).
   */
  public void useSettings(Settings s) {
    try {
      policy = MemoryPolicy.fromSettings(s);
    } catch (RuntimeException e) {
      // a bad value is reported where the settings are checked; the gauge keeps what it had
    }
  }

  /** Null until {@link #useSettings} was given settings it could use. */
  @Override
  public Reading read() {
    MemoryPolicy p = policy;
    if (p == null) return null;
    MemorySample s = probe.sample();
    return MonitorReadout.of(s, p.levelOf(s), p);
  }
}
