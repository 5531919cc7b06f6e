package org.sermonuploader.ui.memory;

import org.sermonuploader.config.Settings;
import org.sermonuploader.memory.MemoryPolicy;
import org.sermonuploader.memory.MemoryProbe;
import org.sermonuploader.memory.MemorySample;
import org.sermonuploader.memory.SystemMemoryProbe;

/**
 * The gauge's figures while no memory monitor runs (starting, or settings that could not be used):
 * this machine read by the memory package's probe and judged by the settings' memory policy, just
 * as the monitor will judge it, so the gauge does not jump when the monitor takes over.
 */
public final class SystemMemoryReadout implements MemoryReadout {
  private final MemoryProbe probe;
  private volatile MemoryPolicy policy;

  public SystemMemoryReadout(MemoryProbe probe, MemoryPolicy policy) {
    this.probe = probe;
    this.policy = policy;
  }

  /** Reads this machine with the policy of the default settings. */
  public static SystemMemoryReadout forThisMachine() {
    return new SystemMemoryReadout(
        new SystemMemoryProbe(), MemoryPolicy.fromSettings(Settings.defaults()));
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

  @Override
  public Reading read() {
    MemoryPolicy p = policy;
    MemorySample s = probe.sample();
    return MonitorReadout.of(s, p.levelOf(s), p);
  }
}
