package org.sermonuploader.ui.memory;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.app.MachineMemory;
import org.sermonuploader.config.Settings;
import org.sermonuploader.model.MemorySample;

/**
 * The gauge's figures while no memory monitor runs (a backend being reopened after the settings
 * changed, or settings that could not be used): this machine read and judged by the memory policy
 * of the settings last in force, just as the monitor judges it, so the gauge does not jump when the
 * monitor takes over. Until it is told those settings it reads nothing: a budget it would have to
 * guess is a figure the monitor would replace with another.
 */
public final class SystemMemoryReadout implements MemoryReadout {
  private final MachineMemory machine;

  /** {@code probe} reads the figures; it may read files. */
  public SystemMemoryReadout(Supplier<MemorySample> probe) {
    this(new MachineMemory(probe));
  }

  private SystemMemoryReadout(MachineMemory machine) {
    this.machine = machine;
  }

  public static SystemMemoryReadout forThisMachine() {
    return new SystemMemoryReadout(MachineMemory.thisMachine());
  }

  /**
   * The policy from the settings (MAX_MEMORY_MONITOR_MB, MEMORY_PRESSURE_THRESHOLD,
   * MEMORY_CRITICAL_THRESHOLD, MEMORY_MIN_AVAILABLE_MB).
   */
  public void useSettings(Settings s) {
    machine.useSettings(s);
  }

  /** Null until {@link #useSettings} was given settings it could use. */
  @Override
  public @Nullable Reading read() {
    return machine.read().map(MonitorReadout::of).orElse(null);
  }
}
