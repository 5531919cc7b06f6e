package org.sermonuploader.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.model.MemorySample;

class SystemMemoryProbeTest {

  @Test
  void readsThisProcessAndTheSystemFromProc() {
    assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs Linux /proc");
    MemorySample s = new SystemMemoryProbe().sample();
    assertEquals("proc", s.source());
    assertTrue(s.rssBytes() > s.heapUsedBytes() / 4, "RSS " + s.rssBytes());
    assertTrue(s.rssBytes() < s.systemTotalBytes());
    assertTrue(s.systemAvailableBytes() > 0 && s.systemAvailableBytes() <= s.systemTotalBytes());
    assertTrue(s.heapUsedBytes() > 0 && s.heapUsedBytes() <= s.heapCommittedBytes());
  }

  @Test
  void parsesTheProcFormat(@TempDir Path proc) throws Exception {
    Files.createDirectories(proc.resolve("self"));
    Files.writeString(
        proc.resolve("self/status"),
        "Name:\tjava\nVmPeak:\t 9999 kB\nVmRSS:\t  204800 kB\nThreads:\t30\n");
    Files.writeString(
        proc.resolve("meminfo"),
        "MemTotal:        4045436 kB\nMemFree:          102400 kB\nMemAvailable:     512000 kB\n");
    MemorySample s = new SystemMemoryProbe(proc).sample();
    assertEquals("proc", s.source());
    assertEquals(200L << 20, s.rssBytes());
    assertEquals(4045436L * 1024, s.systemTotalBytes());
    assertEquals(500L << 20, s.systemAvailableBytes());
  }

  @Test
  void withoutProcItEstimatesFromTheJvm(@TempDir Path empty) {
    MemorySample s = new SystemMemoryProbe(empty).sample();
    assertEquals("jvm", s.source());
    assertTrue(
        s.rssBytes() >= s.heapCommittedBytes(),
        "the estimate includes at least the committed heap");
    assertTrue(s.systemTotalBytes() > 0, "total memory from the OS bean");
    if (!System.getProperty("os.name").startsWith("Windows")) {
      assertEquals(
          -1, s.systemAvailableBytes(), "free memory is not taken for available outside Windows");
    }
  }
}
