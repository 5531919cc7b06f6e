package org.sermonuploader.memory;

import org.jspecify.annotations.Nullable;
import org.sermonuploader.model.MemorySample;
import org.sermonuploader.model.PressureLevel;

/**
 * Told when the pressure level changes, with the latest reading (null when memory could not be read
 * yet). Called on the monitor's thread: return quickly (hand the news to your own thread or the FX
 * thread).
 */
@FunctionalInterface
public interface MemoryListener {
  void levelChanged(PressureLevel from, PressureLevel to, @Nullable MemorySample sample);
}
