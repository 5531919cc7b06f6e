package org.sermonuploader.app;

import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.config.Settings;
import org.sermonuploader.memory.MemoryPolicy;
import org.sermonuploader.memory.SystemMemoryProbe;
import org.sermonuploader.model.MemoryReading;
import org.sermonuploader.model.MemorySample;

/**
 * This machine's memory while no monitor runs, judged by the memory policy of the settings last in
 * force just as the monitor judges it. Until it is told those settings it reads nothing.
 */
public final class MachineMemory {
  private final Supplier<MemorySample> probe;
  private volatile @Nullable MemoryPolicy policy;

  /** {@code probe} reads the figures; it may read files. */
  public MachineMemory(Supplier<MemorySample> probe) {
    this.probe = probe;
  }

  public static MachineMemory thisMachine() {
    return new MachineMemory(new SystemMemoryProbe()::sample);
  }

  /**
   * The policy from the settings (MAX_MEMORY_MONITOR_MB, MEMORY_PRESSURE_THRESHOLD,
   * MEMORY_CRITICAL_THRESHOLD, MEMORY_MIN_AVAILABLE_MB).
   */
  public void useSettings(Settings s) {
    try {
      policy = MemoryPolicy.fromSettings(s);
    } catch (RuntimeException e) {
      // a bad value is reported where the settings are checked; the readings keep what they had
    }
  }

  /** A reading now; empty until {@link #useSettings} was given settings it could use. */
  public Optional<MemoryReading> read() {
    MemoryPolicy p = policy;
    if (p == null) return Optional.empty();
    MemorySample s = probe.get();
    return Optional.of(new MemoryReading(s, p.levelOf(s), p.budgetBytes()));
  }
}
