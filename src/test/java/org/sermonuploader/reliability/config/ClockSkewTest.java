package org.sermonuploader.reliability.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.s3.EmbeddedStore;

/**
 * A Raspberry Pi without network time boots with a wrong clock. Here the CLI runs in its own JVM
 * under libfaketime (Debian package "faketime"), two hours behind, against a server with the usual
 * 15 minutes of tolerance. Skipped where libfaketime is not installed; ConfigurationErrorsTest
 * covers the same answer without it.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClockSkewTest {
  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  static Path libfaketime() throws IOException {
    for (String dir :
        new String[] {
          "/usr/lib/x86_64-linux-gnu/faketime",
          "/usr/lib/aarch64-linux-gnu/faketime",
          "/usr/lib/faketime",
          "/usr/local/lib/faketime"
        }) {
      Path lib = Path.of(dir, "libfaketime.so.1");
      if (Files.isReadable(lib)) return lib;
    }
    return null;
  }

  private Run cliInOwnJvm(EmbeddedStore store, Path home, Path file, String fakeOffset)
      throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java.toString(),
                "-Xmx128m",
                "-cp",
                System.getProperty("java.class.path"),
                "org.sermonuploader.Main",
                "upload",
                "--wait-for-server",
                "0",
                file.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    env.keySet()
        .removeIf(k -> k.startsWith("MINIO_") || k.startsWith("SERMON_") || k.equals("KEY_PREFIX"));
    S3TestSupport.putAppEnv(env, home, store.endpoint());
    if (fakeOffset != null) {
      env.put("LD_PRELOAD", libfaketime().toString());
      env.put("FAKETIME", fakeOffset);
      // timeouts and sleeps keep the real pace; without the second the JVM's timed waits crawl
      env.put("FAKETIME_DONT_FAKE_MONOTONIC", "1");
      env.put("FAKETIME_FORCE_MONOTONIC_FIX", "0");
    }
    Path out = tmp.resolve("out-" + System.nanoTime());
    Path err = tmp.resolve("err-" + System.nanoTime());
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the CLI did not finish: " + Files.readString(out));
    }
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void aComputerWhoseClockIsTwoHoursBehindIsToldToFixItsClock() throws Exception {
    assumeTrue(libfaketime() != null, "libfaketime is not installed (apt-get install faketime)");
    try (EmbeddedStore store = S3TestSupport.startStore(tmp.resolve("store"))) {
      Path file = S3TestSupport.randomFile(tmp, "sunday.mp3", 2000, 21);

      Run behind = cliInOwnJvm(store, tmp.resolve("home-behind"), file, "-2h");
      assertEquals(2, behind.code(), behind.out() + behind.err());
      assertTrue(
          behind
              .err()
              .contains(
                  "This computer's clock is wrong, so the server refuses it. Set the date and"
                      + " time (turn on network time) and try again."),
          behind.err());
      String all = behind.out() + behind.err();
      assertFalse(all.contains("\tat ") || all.contains("Exception"), all);
      try (Stream<Path> stored = Files.list(store.root().resolve(S3TestSupport.BUCKET))) {
        assertEquals(0, stored.count());
      }

      // the same command with the right time goes through: the clock was the only problem
      Run onTime = cliInOwnJvm(store, tmp.resolve("home-ontime"), file, null);
      assertEquals(0, onTime.code(), onTime.out() + onTime.err());
      assertEquals(S3TestSupport.sha256(file), S3TestSupport.downloadSha256(store, "sunday.mp3"));
    }
  }
}
