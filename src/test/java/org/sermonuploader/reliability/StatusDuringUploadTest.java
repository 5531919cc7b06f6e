package org.sermonuploader.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.engine.S3TestSupport.MIB;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.s3.EmbeddedStore;

/**
 * Issue "Trust, round two", item 5: {@code status} run beside an {@code upload} (each its own JVM)
 * shows the running job as uploading, and once that process is killed, as interrupted.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class StatusDuringUploadTest {
  @TempDir Path tmp;
  EmbeddedStore store;

  @BeforeEach
  void start() throws Exception {
    store = S3TestSupport.startStore(tmp.resolve("store"));
  }

  @AfterEach
  void stop() {
    store.stop();
  }

  @Test
  void statusShowsTheRunningJobAsUploadingAndAKilledOneAsInterrupted() throws Exception {
    Path home = tmp.resolve("home");
    Map<String, String> env = S3TestSupport.putAppEnv(new HashMap<>(), home, store.endpoint());
    env.put("PART_SIZE", "5MiB");
    env.put("BANDWIDTH_LIMIT", "512K"); // 20 MiB take about 40 s: status starts well within
    Path file = S3TestSupport.randomFile(tmp, "morning service.wav", 20 * MIB, 5);
    Process upload = ChildProcess.start(env, tmp.resolve("upload.log"), "upload", file.toString());
    try {
      Awaitility.await("the upload's first part")
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> ChildProcess.confirmedParts(home) >= 1);
      String row = statusRow(env, "during");
      assertTrue(upload.isAlive(), "the upload still runs");
      assertTrue(row.matches("\\d+\\s+uploading\\s+.*morning service\\.wav.*"), row);

      upload.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      row = statusRow(env, "after");
      assertTrue(
          row.matches(
              "\\d+\\s+interrupted\\s+.*morning service\\.wav\\s+morning service\\.wav"
                  + "  continues at the next start"),
          row);
    } finally {
      upload.destroyForcibly();
    }
  }

  /** The row of the recording in what {@code status} prints, run as a user would. */
  private String statusRow(Map<String, String> env, String name) throws Exception {
    Path log = tmp.resolve("status-" + name + ".log");
    Process status = ChildProcess.start(env, log, "status");
    assertTrue(status.waitFor(60, TimeUnit.SECONDS), "status ended");
    String said = Files.readString(log);
    assertEquals(0, status.exitValue(), said);
    return said.lines()
        .filter(l -> l.contains("morning service.wav"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row for the recording: " + said))
        .strip();
  }
}
