package org.sermonuploader.memory;

import org.sermonuploader.model.PressureLevel;

/**
 * What the engine asks before it starts a part: may it start one now, and how many may be in
 * flight. Implemented by the memory monitor; tests drive it with a fake.
 */
public interface PressureGate {
  PressureGate NEVER_PRESSED = () -> PressureLevel.NORMAL;

  PressureLevel level();

  /** No new part starts unless this is true; parts in flight are left to finish. */
  default boolean allowsNewParts() {
    return level() == PressureLevel.NORMAL;
  }

  default int partsInFlight(int configured) {
    return level() == PressureLevel.CRITICAL ? 1 : configured;
  }
}
