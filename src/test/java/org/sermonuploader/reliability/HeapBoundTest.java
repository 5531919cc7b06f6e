package org.sermonuploader.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.s3.EmbeddedStore;

/**
 * Parts are streamed from the file, never held in the heap. The CLI runs in a JVM whose whole heap
 * (32 MiB) is half of what its parts in flight add up to (4 x 16 MiB): if any layer kept a part in
 * memory, it would run out and pause for memory instead of finishing.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HeapBoundTest {
  private static final long MIB = 1L << 20;
  private static final String NAME = "easter vigil.wav";

  @TempDir Path tmp;

  @Test
  void partsInFlightTwiceTheHeapUploadWithoutRunningShortOfMemory() throws Exception {
    EmbeddedStore store = S3TestSupport.startStore(tmp.resolve("store"));
    try {
      Path file = S3TestSupport.randomFile(tmp, NAME, 96 * MIB + 12345, 7);
      Path home = tmp.resolve("home");
      uploadUnder32MiB(
          S3TestSupport.putAppEnv(new HashMap<>(), home, store.endpoint()), file, home);
      assertEquals(
          S3TestSupport.sha256(file),
          S3TestSupport.sha256(store.root().resolve(S3TestSupport.BUCKET).resolve(NAME)),
          "the bytes the server stored");
    } finally {
      store.stop();
    }
  }

  /** The local store (no server set) runs in the app's JVM: it must not hold the parts either. */
  @Test
  void theLocalStoreInTheSameHeapStreamsThePartsToo() throws Exception {
    Path file = S3TestSupport.randomFile(tmp, NAME, 96 * MIB + 12345, 8);
    Path home = tmp.resolve("home");
    Map<String, String> env = new HashMap<>();
    env.put("SERMON_UPLOADER_HOME", home.toString());
    env.put("STATUS_PORT", "0");
    uploadUnder32MiB(env, file, home);
    assertEquals(
        S3TestSupport.sha256(file),
        S3TestSupport.sha256(home.resolve("local-store/sermons").resolve(NAME)),
        "the bytes the local store kept");
  }

  private void uploadUnder32MiB(Map<String, String> env, Path file, Path home) throws Exception {
    env.put("PART_SIZE", "16MiB");
    env.put("PARTS_IN_FLIGHT", "4");
    Path log = tmp.resolve("child.log");
    Process p =
        ChildProcess.start(
            List.of("-Xmx32m", "-XX:+UseSerialGC"), env, log, "upload", file.toString());
    boolean finished = p.waitFor(90, TimeUnit.SECONDS);
    if (!finished) p.destroyForcibly();
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(finished, "the upload did not finish: " + out);
    assertEquals(0, p.exitValue(), out);
    assertFalse(out.contains("low memory") || out.contains("OutOfMemory"), out);
    String appLog =
        Files.readString(home.resolve("logs/sermon-uploader.log"), StandardCharsets.UTF_8);
    assertFalse(appLog.contains("Memory ran out") || appLog.contains("OutOfMemory"), appLog);
  }
}
