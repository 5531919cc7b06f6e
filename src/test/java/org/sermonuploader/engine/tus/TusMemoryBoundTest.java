package org.sermonuploader.engine.tus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.engine.S3TestSupport;

/**
 * The memory bound, measured: a file several times larger than the client's whole heap uploads
 * through the real engine and TusTransfer in a separate JVM started with -Xmx32m. If any layer held
 * the file (or even a few parts) in memory, that JVM would run out of heap.
 */
class TusMemoryBoundTest {
  static final long MIB = 1 << 20;
  static final int HEAP_MIB = 32;

  @TempDir Path tmp;

  @Test
  @Timeout(120)
  void aFileFourTimesTheHeapUploadsWithAPartSizedBuffer() throws Exception {
    Path file = S3TestSupport.randomFile(tmp, "long service.wav", 4 * HEAP_MIB * MIB, 11);
    try (TusTestServer server = new TusTestServer(tmp.resolve("server"))) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Path out = tmp.resolve("probe.out");
      Process p =
          new ProcessBuilder(
                  List.of(
                      java,
                      "-Xmx" + HEAP_MIB + "m",
                      "-XX:+UseSerialGC",
                      "-Dsermon.logdir=" + tmp.resolve("logs"),
                      "-cp",
                      System.getProperty("java.class.path"),
                      TusMemoryProbe.class.getName(),
                      server.endpoint(),
                      file.toString(),
                      tmp.resolve("data").toString()))
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      boolean finished;
      try {
        finished = p.waitFor(60, TimeUnit.SECONDS);
      } finally {
        p.destroyForcibly();
      }
      String text = Files.readString(out, StandardCharsets.UTF_8);
      assertTrue(finished, "the probe did not finish: " + text);
      assertEquals(0, p.exitValue(), text);
      Matcher m = Pattern.compile("RESULT (\\S+) (\\S+) peakHeapBytes=(\\d+)").matcher(text);
      assertTrue(m.find(), text);
      assertEquals("DONE", m.group(1), text);
      String sha = S3TestSupport.sha256(file);
      assertEquals(sha, m.group(2));
      assertEquals(
          sha, server.sha256Of(server.upload("long service.wav")), "the bytes the server stored");
      long peak = Long.parseLong(m.group(3));
      // the figure for the record; the bound itself is -Xmx: going over it fails the probe
      System.out.println(
          "tus memory probe: "
              + Files.size(file) / MIB
              + " MiB file, -Xmx"
              + HEAP_MIB
              + "m, peak heap in use "
              + peak / MIB
              + " MiB");
    }
  }
}
