package org.sermonuploader.ui.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sermonuploader.model.PressureLevel;

/**
 * The window used to run out of heap while its gauge, which looked only at resident memory, said
 * "memory OK": the heap now has a say of its own.
 */
class MemoryGaugeHeapTest {
  private static final long MB = 1L << 20;

  /** Resident memory well within its budget and the monitor calm; only the heap changes. */
  private static MemoryReadout.Reading heapAt(long heapMb) {
    return new MemoryReadout.Reading(
        150 * MB, 300 * MB, 2048 * MB, 4096 * MB, PressureLevel.NORMAL, heapMb * MB, 96 * MB);
  }

  @Test
  void aHeapThatStaysNearlyFullMakesTheGaugeTightThenCriticalWhateverTheResidentMemorySays() {
    MemoryGaugeModel m = new MemoryGaugeModel();
    m.accept(heapAt(40));
    assertEquals("memory OK", m.levelTextProperty().get());
    assertTrue(m.heapTextProperty().get().contains("heap "), m.heapTextProperty().get());
    assertTrue(m.tooltipProperty().get().contains("Java heap: "), m.tooltipProperty().get());

    // garbage waiting for the next collection is no warning: one low sample in five keeps it OK
    for (int i = 0; i < 4; i++) m.accept(heapAt(80));
    assertEquals(PressureLevel.NORMAL, m.levelProperty().get());
    m.accept(heapAt(80));
    assertEquals("memory tight", m.levelTextProperty().get());
    for (int i = 0; i < 5; i++) m.accept(heapAt(90));
    assertEquals("memory critical", m.levelTextProperty().get());
    m.accept(heapAt(30));
    assertEquals(PressureLevel.NORMAL, m.levelProperty().get(), "after a collection freed it");
  }
}
