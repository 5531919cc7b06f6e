package org.sermonuploader.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.app.UploadService;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;

/** How many parts may be in flight when an in-process store holds them in the heap. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MemoryBudgetTest {

  @Test
  void onlyTheLocalStoreLimitsPartsInFlight() {
    assertEquals(Long.MAX_VALUE, UploadService.engineOptions(Settings.defaults()).memoryBudgetBytes(),
        "parts are streamed from the file: nothing in the engine scales with parts in flight");
    assertEquals(Math.min(Runtime.getRuntime().maxMemory() / 2, 450L << 20),
        UploadService.localStoreBudget(Settings.defaults()));
    assertEquals(50L << 20,
        UploadService.localStoreBudget(Settings.defaults().with(Setting.MAX_MEMORY_MONITOR_MB, "200")));
  }

  @Test
  void partsThatDoNotFitAreFewerNotRefused(@TempDir Path dir) throws Exception {
    Settings s = TestRig.smallParts(4).with(Setting.PART_SIZE, "16MiB").with(Setting.MAX_MEMORY_MONITOR_MB, "100");
    try (UploadService service = UploadService.open(s, dir, PressureGate.NEVER_PRESSED)) {
      assertEquals(1, service.engine().partsInFlight(), "the local store may hold 25 MiB of parts: one 16 MiB part");
      assertTrue(service.notices().stream().anyMatch(n -> n.contains("Parts in flight lowered to 1")),
          service.notices().toString());
    }
  }
}
