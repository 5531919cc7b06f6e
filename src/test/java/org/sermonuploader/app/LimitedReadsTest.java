package org.sermonuploader.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.library.Download;
import org.sermonuploader.memory.PressureGate;

/** The DOWN half of BANDWIDTH_LIMIT holds reads from the server to the rate, steadily. */
class LimitedReadsTest {
  private static final long MIB = S3TestSupport.MIB;

  @TempDir Path tmp;
  private EmbeddedStore store;

  @BeforeEach
  void start() throws Exception {
    store = S3TestSupport.startStore(tmp.resolve("store"));
  }

  @AfterEach
  void stop() {
    store.stop();
  }

  @Test
  void aDownloadKeepsToTheDownloadLimitWithinTenPercent() throws Exception {
    byte[] bytes = new byte[(int) (8 * MIB)];
    new Random(7).nextBytes(bytes);
    S3TestSupport.putObject(store, "evening.wav", bytes);
    Settings settings =
        Settings.defaults()
            .overlay(
                S3TestSupport.putAppEnv(new HashMap<>(), tmp.resolve("home"), store.endpoint()))
            .with(Setting.BANDWIDTH_LIMIT, "off:2M");
    Path target = tmp.resolve("evening.wav");
    AtomicLong firstAt = new AtomicLong();
    AtomicLong firstBytes = new AtomicLong();
    AtomicLong lastAt = new AtomicLong();
    AtomicLong lastBytes = new AtomicLong();
    try (UploadService service =
        UploadService.builder(settings, tmp.resolve("home"))
            .gateOnly(PressureGate.NEVER_PRESSED)
            .open()) {
      Download.Outcome o =
          Download.run(
              service.transfer(),
              "evening.wav",
              target,
              null,
              (done, size) -> {
                if (firstAt.get() == 0) {
                  firstAt.set(System.nanoTime());
                  firstBytes.set(done);
                }
                lastAt.set(System.nanoTime());
                lastBytes.set(done);
              });
      assertEquals(Download.Result.DONE, o.result(), o.message());
      // from the first bytes to the last, so opening the service and the final check don't count
      double rate = (lastBytes.get() - firstBytes.get()) / ((lastAt.get() - firstAt.get()) / 1e9);
      double ratio = rate / (2 * MIB);
      assertTrue(ratio > 0.9 && ratio < 1.1, "read at " + ratio + " of the limit");
    }
    assertEquals(
        S3TestSupport.sha256(new java.io.ByteArrayInputStream(bytes)),
        S3TestSupport.sha256(target));
    assertTrue(Files.size(target) == bytes.length);
  }
}
