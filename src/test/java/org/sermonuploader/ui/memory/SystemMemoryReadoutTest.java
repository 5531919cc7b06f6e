package org.sermonuploader.ui.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.memory.SystemMemoryProbe;
import org.sermonuploader.model.PressureLevel;

class SystemMemoryReadoutTest {
  @TempDir Path tmp;

  /** A /proc with this process at 100 MB and 150 MB available of 3.9 GB. */
  private SystemMemoryProbe probe() throws Exception {
    Files.createDirectories(tmp.resolve("self"));
    Files.writeString(tmp.resolve("self/status"), "Name:\tjava\nVmRSS:\t  102400 kB\n");
    Files.writeString(
        tmp.resolve("meminfo"),
        "MemTotal:        3900000 kB\nMemFree:          100000 kB\nMemAvailable:     150000 kB\n");
    return new SystemMemoryProbe(tmp);
  }

  @Test
  void readsMemAvailableAndSetsTheLevelFromThresholds() throws Exception {
    SystemMemoryReadout r = new SystemMemoryReadout(probe()::sample);
    assertNull(r.read(), "no figures against a budget it would have to guess");
    r.useSettings(Settings.defaults());
    MemoryReadout.Reading reading = r.read();
    assertEquals(150000L * 1024, reading.memAvailable());
    assertEquals(3900000L * 1024, reading.memTotal());
    assertEquals(100L << 20, reading.appUsed(), "the process's resident memory");
    assertEquals(1800L << 20, reading.appLimit(), "the budget of the default settings");
    assertEquals(PressureLevel.WARNING, reading.level(), "under 200 MB available");

    r.useSettings(Settings.defaults().with(Setting.MEMORY_MIN_AVAILABLE_MB, "100"));
    assertEquals(PressureLevel.NORMAL, r.read().level(), "the settings' thresholds count");
    r.useSettings(Settings.defaults().with(Setting.MEMORY_MIN_AVAILABLE_MB, "-5"));
    assertEquals(PressureLevel.NORMAL, r.read().level(), "a bad setting keeps the last policy");
    r.useSettings(Settings.defaults().with(Setting.MEMORY_MIN_AVAILABLE_MB, "400"));
    assertEquals(PressureLevel.CRITICAL, r.read().level(), "under half of 400 MB available");
  }
}
