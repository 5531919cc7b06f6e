package org.sermonuploader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.s3.EmbeddedStore;

/**
 * Issue "Trust, round two", item 5: a key that S3Proxy's file store can't hold (a folder of that
 * name is in the way) gets the same HTTP 500 on every try. It used to be retried for ever as "The
 * server is busy or restarting"; now the file fails with the reason while the rest of the run goes
 * on.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KeyInTheWayTest {
  @TempDir Path tmp;
  EmbeddedStore store;
  Map<String, String> env;

  @BeforeEach
  void start() throws Exception {
    store = S3TestSupport.startStore(tmp.resolve("store"));
    env = S3TestSupport.putAppEnv(new HashMap<>(), tmp.resolve("home"), store.endpoint());
    env.put("RETRY_MAX_DELAY_SECONDS", "1");
  }

  @AfterEach
  void stop() {
    store.stop();
  }

  @Test
  void aKeyAFolderIsInTheWayOfFailsThatFileAndTheOthersAreUploaded() throws Exception {
    // on the file store, f3/-rf is now a folder: an object can't be written there
    S3TestSupport.putObject(store, "f3/-rf/older.wav", new byte[] {1, 2, 3});
    Path dir = Files.createDirectories(tmp.resolve("stick"));
    S3TestSupport.randomFile(dir, "-rf.wav", 3000, 1);
    Path other = S3TestSupport.randomFile(dir, "evening.wav", 4000, 2);
    env.put("KEY_TEMPLATE", "f3/{name}");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Cli.run(
            new String[] {"upload", dir.toString()},
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String said = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);

    assertEquals(1, code, said);
    String line =
        said.lines()
            .filter(l -> l.startsWith("FAILED") && l.contains("-rf.wav"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no FAILED line for -rf.wav: " + said));
    assertTrue(
        line.contains(
            "The server keeps failing to store this file as f3/-rf (error InternalError) while"
                + " other requests work."),
        line);
    assertTrue(said.contains("1 uploaded or already there, 1 failed."), said);
    assertEquals(S3TestSupport.sha256(other), S3TestSupport.downloadSha256(store, "f3/evening"));
  }
}
