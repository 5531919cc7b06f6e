package org.sermonuploader.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.engine.http.TooSlowAnswer;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.engine.s3.S3Config;
import org.sermonuploader.engine.s3.S3Transfer;
import org.sermonuploader.engine.tus.TusConfig;
import org.sermonuploader.engine.tus.TusTransfer;
import org.sermonuploader.model.ConnectionReport;

/**
 * A server that takes the connection and answers one byte a second: each request gives up at its
 * deadline (OkHttp's read timeout alone starts again with every byte) and is retryable, reads back
 * are cut the same way, and SIGTERM while the CLI waits on such a server still says "Stopped".
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SlowServerTest {
  @TempDir Path tmp;

  private static S3Transfer transfer(String endpoint) throws UploadException {
    return new S3Transfer(
        new S3Config(
            endpoint,
            S3TestSupport.BUCKET,
            S3TestSupport.ACCESS,
            S3TestSupport.SECRET,
            "us-east-1",
            Duration.ofSeconds(2),
            Duration.ofSeconds(2),
            null,
            false));
  }

  @Test
  void aRequestWhoseAnswerDribblesGivesUpAtItsDeadlineAndTheRetryGetsThrough() throws Exception {
    EmbeddedStore store = S3TestSupport.startStore(tmp.resolve("store"));
    S3TestSupport.putObject(store, "psalm.mp3", new byte[] {1, 2, 3});
    try (SlowLoris slow = new SlowLoris(SlowLoris.Mode.HEAD, 1, store.port());
        S3Transfer s3 = transfer(slow.endpoint())) {
      long t0 = System.nanoTime();
      UploadException e = assertThrows(UploadException.class, () -> s3.find("psalm.mp3"));
      long ms = (System.nanoTime() - t0) / 1_000_000;

      assertTrue(e.isRetryable(), e.describe());
      assertEquals("TooSlow", e.code(), e.describe());
      assertTrue(e.getMessage().contains("answers too slowly"), e.getMessage());
      assertTrue(ms < 20_000, "gave up after " + ms + " ms");
      // the retry, on a new connection, is answered by the real server behind
      assertEquals(3, s3.find("psalm.mp3").orElseThrow().size());
    } finally {
      store.stop();
    }
  }

  @Test
  void aDownloadWhoseBodyDribblesIsCutAsStalled() throws Exception {
    try (SlowLoris slow = new SlowLoris(SlowLoris.Mode.BODY);
        S3Transfer s3 = transfer(slow.endpoint())) {
      long t0 = System.nanoTime();
      IOException e =
          assertThrows(
              IOException.class,
              () -> {
                try (InputStream in = s3.read("psalm.mp3", 0, null)) {
                  in.readAllBytes();
                }
              });
      long ms = (System.nanoTime() - t0) / 1_000_000;

      assertInstanceOf(TooSlowAnswer.class, rootOrSelf(e), e.toString());
      assertTrue(ms < 20_000, "gave up after " + ms + " ms");
    }
  }

  @Test
  void aTusServerWhoseAnswerDribblesIsReportedAsTooSlow() throws Exception {
    try (SlowLoris slow = new SlowLoris(SlowLoris.Mode.HEAD);
        TusTransfer tus =
            new TusTransfer(
                TusConfig.of(
                    slow.endpoint() + "/files/",
                    Map.of(),
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(2),
                    tmp))) {
      long t0 = System.nanoTime();
      ConnectionReport report = tus.check();
      long ms = (System.nanoTime() - t0) / 1_000_000;

      assertFalse(report.ok());
      assertTrue(report.waitingMayHelp(), report.firstProblem());
      assertTrue(report.firstProblem().contains("answers too slowly"), report.firstProblem());
      assertTrue(ms < 20_000, "gave up after " + ms + " ms");
    }
  }

  @Test
  void sigtermWhileWaitingOnADribblingServerSaysStopped() throws Exception {
    try (SlowLoris slow = new SlowLoris(SlowLoris.Mode.HEAD)) {
      Path home = tmp.resolve("home");
      Map<String, String> env = S3TestSupport.putAppEnv(new HashMap<>(), home, slow.endpoint());
      env.put("IO_TIMEOUT_SECONDS", "30");
      Path file = S3TestSupport.randomFile(tmp, "vespers.mp3", 50_000, 3);
      Path log = tmp.resolve("child.log");
      Process child =
          ChildProcess.start(env, log, "upload", "--wait-for-server=600", file.toString());
      // stuck: the server has the connection check's request and is answering it byte by byte
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> slow.slowConnections.get() >= 1 || !child.isAlive());
      assertTrue(child.isAlive(), Files.readString(log));

      child.destroy(); // SIGTERM
      assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the app ended after the signal");
      String output = Files.readString(log);

      assertEquals(143, child.exitValue(), output);
      assertTrue(
          output.endsWith(
              "Stopped while waiting for the server. Nothing was sent; run the same command again.\n"),
          output);
      assertFalse(output.contains("Exception") || output.contains("\tat "), output);
    }
  }

  private static Throwable rootOrSelf(IOException e) {
    Throwable t = e;
    while (!(t instanceof TooSlowAnswer) && t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }
}
