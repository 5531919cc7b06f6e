package org.sermonuploader.memory;

import org.sermonuploader.model.MemorySample;

/**
 * Reads the current memory figures. The monitor calls it once per interval on its own thread; tests
 * replace it with a probe that returns whatever level they need.
 */
@FunctionalInterface
public interface MemoryProbe {
  MemorySample sample();
}
