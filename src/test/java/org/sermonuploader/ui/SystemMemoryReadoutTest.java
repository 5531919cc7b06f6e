package org.sermonuploader.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.memory.PressureLevel;

class SystemMemoryReadoutTest {
  @TempDir Path tmp;

  @Test
  void readsMemAvailableAndSetsTheLevelFromThresholds() throws Exception {
    Path meminfo =
        Files.writeString(
            tmp.resolve("meminfo"),
            "MemTotal:        3900000 kB\nMemFree:          100000 kB\nMemAvailable:     150000 kB\n");
    SystemMemoryReadout r = new SystemMemoryReadout(meminfo, 0.8, 0.95, 200L << 20);
    MemoryReadout.Reading reading = r.read();
    assertEquals(150000L * 1024, reading.memAvailable());
    assertEquals(3900000L * 1024, reading.memTotal());
    assertTrue(reading.appUsed() > 0 && reading.appLimit() >= reading.appUsed());
    assertEquals(PressureLevel.WARNING, reading.level(), "under 200 MB available");

    assertEquals(PressureLevel.NORMAL, r.level(10, 100, -1));
    assertEquals(PressureLevel.WARNING, r.level(85, 100, 1L << 30));
    assertEquals(PressureLevel.CRITICAL, r.level(96, 100, 1L << 30));
    assertEquals(PressureLevel.CRITICAL, r.level(10, 100, 50L << 20));
  }

  @Test
  void withoutProcMeminfoOnlyTheHeapIsKnown() {
    MemoryReadout.Reading reading =
        new SystemMemoryReadout(tmp.resolve("missing"), 0.8, 0.95, 200L << 20).read();
    assertEquals(-1, reading.memAvailable());
  }
}
