package org.sermonuploader.ui.memory;

import org.jspecify.annotations.Nullable;
import org.sermonuploader.model.PressureLevel;

/**
 * Where the memory gauge gets its figures: the app's memory monitor once it runs ({@link
 * MonitorReadout}), when it does not {@link SystemMemoryReadout}.
 */
public interface MemoryReadout {
  /**
   * One sample, in bytes.
   *
   * @param appUsed what the app uses: its resident memory when the monitor reads it, else its heap
   * @param appLimit the most the app is meant to use: the memory budget, else the heap's maximum
   * @param memAvailable the system's MemAvailable, or -1 where it is not known (not Linux)
   * @param memTotal the system's MemTotal, or -1 where it is not known
   * @param heapUsed the Java heap in use (live and not yet collected), or -1 where not known
   * @param heapMax the most heap Java may take (-Xmx), or -1 where not known
   */
  record Reading(
      long appUsed,
      long appLimit,
      long memAvailable,
      long memTotal,
      PressureLevel level,
      long heapUsed,
      long heapMax) {
    /** A reading without separate heap figures. */
    public Reading(
        long appUsed, long appLimit, long memAvailable, long memTotal, PressureLevel level) {
      this(appUsed, appLimit, memAvailable, memTotal, level, -1, -1);
    }
  }

  /**
   * Takes a sample, or returns null while there is none the gauge could keep showing (its figures
   * would change meaning with the next). May read files: called off the FX thread.
   */
  @Nullable Reading read();
}
