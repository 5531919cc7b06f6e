package org.sermonuploader.reliability.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.reliability.config.CliRunner.assertNoStackTrace;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.reliability.SlowLoris;

/**
 * `upload --wait-for-server` against a server that takes the connection and answers one byte a
 * second: the wait ends near its limit with the plain reason and exit code 1, and a server that
 * recovers gets the upload once the slow answer was given up.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SlowServerCliTest {
  @TempDir Path tmp;

  private CliRunner cli(String endpoint) {
    CliRunner c = new CliRunner(tmp.resolve("home"), endpoint);
    c.env.put("IO_TIMEOUT_SECONDS", "2");
    return c;
  }

  @Test
  void waitForServerEndsNearItsLimitAgainstAByteASecondServer() throws Exception {
    Path file = S3TestSupport.randomFile(tmp, "sunday.mp3", 100_000, 1);
    try (SlowLoris slow = new SlowLoris(SlowLoris.Mode.HEAD)) {
      long t0 = System.nanoTime();
      CliRunner.Result r =
          cli(slow.endpoint()).run("upload", "--wait-for-server=6", file.toString());
      long ms = (System.nanoTime() - t0) / 1_000_000;

      assertEquals(1, r.code(), r.all());
      assertTrue(
          r.out()
              .contains(
                  "Note: The server at "
                      + slow.endpoint()
                      + " takes the connection but answers too slowly"),
          r.out());
      assertTrue(r.out().contains("Uploads wait until it answers (at most 6 seconds)."), r.out());
      assertTrue(r.err().startsWith("Error: "), r.err());
      assertTrue(
          r.err()
              .contains(
                  "Gave up waiting. Nothing was sent; run the same command again once the server answers."),
          r.err());
      assertNoStackTrace(r);
      // the wait is 6 s; each check is bounded, so the command ends soon after, not never
      assertTrue(ms < 30_000, "took " + ms + " ms");
    }
  }

  @Test
  void aServerThatRecoversGetsTheUploadOnceTheSlowAnswerIsGivenUp() throws Exception {
    Path file = S3TestSupport.randomFile(tmp, "evening.mp3", 300_000, 2);
    EmbeddedStore store = S3TestSupport.startStore(tmp.resolve("store"));
    try (SlowLoris slow = new SlowLoris(SlowLoris.Mode.HEAD, 1, store.port())) {
      // the real server behind gets CliRunner's 5 s, so a busy machine does not make it look slow
      CliRunner c = new CliRunner(tmp.resolve("home"), slow.endpoint());
      CliRunner.Result r = c.run("upload", "--wait-for-server=60", file.toString());

      assertEquals(0, r.code(), r.all());
      assertTrue(r.out().contains("answers too slowly"), r.out());
      assertTrue(r.out().contains("The server answers now."), r.out());
      assertNoStackTrace(r);
      assertEquals(1, slow.slowConnections.get());
      assertEquals(S3TestSupport.sha256(file), S3TestSupport.downloadSha256(store, "evening.mp3"));
    } finally {
      store.stop();
    }
  }
}
