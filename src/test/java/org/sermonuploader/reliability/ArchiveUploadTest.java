package org.sermonuploader.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.s3.EmbeddedStore;

/**
 * A church's whole archive in one command: 2,000 small recordings through the CLI in a JVM held to
 * 48 MB of heap. Memory must follow what is in flight, not how many files are queued or done.
 */
@Timeout(value = 900, unit = TimeUnit.SECONDS)
class ArchiveUploadTest {
  static final int FILES = 2000;

  @TempDir Path tmp;
  EmbeddedStore store;

  @BeforeEach
  void start() throws Exception {
    store = S3TestSupport.startStore(tmp.resolve("store"));
  }

  @AfterEach
  void stop() throws Exception {
    store.stop();
  }

  @Test
  void twoThousandSmallFilesUploadUnder48MegabytesOfHeap() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("archive"));
    Random random = new Random(2000);
    for (int i = 0; i < FILES; i++) {
      byte[] bytes = new byte[2048 + random.nextInt(2048)];
      random.nextBytes(bytes);
      Files.write(folder.resolve(String.format("sermon-%04d.mp3", i)), bytes);
    }
    Map<String, String> env =
        S3TestSupport.putAppEnv(new HashMap<>(), tmp.resolve("home"), store.endpoint());
    Path log = tmp.resolve("child.log");

    Process child =
        ChildProcess.start(
            List.of("-Xmx48m", "-XX:+UseSerialGC"), env, log, "upload", folder.toString());
    assertTrue(child.waitFor(840, TimeUnit.SECONDS), "the upload ended in time");
    String output = Files.readString(log);

    assertEquals(0, child.exitValue(), tail(output));
    assertFalse(output.contains("OutOfMemoryError"), tail(output));
    assertFalse(output.contains("ran out of memory"), tail(output));
    assertTrue(
        output.contains(FILES + " uploaded or already there, 0 failed."),
        "summary: " + tail(output));
    List<String> objects =
        S3TestSupport.keys(store).stream().filter(k -> !k.startsWith(".sermon-uploader/")).toList();
    assertEquals(FILES, objects.size(), "objects on the server");
    for (int i = 0; i < FILES; i += 199) {
      Path file = folder.resolve(String.format("sermon-%04d.mp3", i));
      String key =
          objects.stream()
              .filter(k -> k.endsWith(file.getFileName().toString()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no object for " + file));
      assertEquals(S3TestSupport.sha256(file), S3TestSupport.downloadSha256(store, key), key);
    }
  }

  private static String tail(String output) {
    return output.length() < 3000 ? output : output.substring(output.length() - 3000);
  }
}
