package org.sermonuploader.reliability.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.reliability.config.CliRunner.assertNoStackTrace;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.engine.S3TestSupport;

/**
 * The address leads somewhere, but not to an S3 server the app can use: a port that takes the
 * connection and never answers, a port with another service behind it, an address with a password
 * in it. Each runs the real CLI and checks what a volunteer would see and how long it takes.
 */
@Timeout(value = 200, unit = TimeUnit.SECONDS)
class WrongServerTest {
  @TempDir Path tmp;
  Path file;

  @BeforeEach
  void recording() throws Exception {
    file = S3TestSupport.randomFile(tmp, "2026-03-08 morning.mp3", 3000, 11);
  }

  private CliRunner cli(String endpoint) {
    return new CliRunner(tmp.resolve("home"), endpoint);
  }

  @Test
  void aPortThatNeverAnswersIsGivenUpOnWithinThePromisedWait() throws Exception {
    try (OddListener silent = OddListener.silent()) {
      CliRunner c = cli(silent.endpoint());
      c.env.remove("IO_TIMEOUT_SECONDS"); // the default a volunteer has: 60 s
      long t0 = System.nanoTime();
      CliRunner.Result r = c.run("upload", "--wait-for-server", "3", file.toString());
      long ms = (System.nanoTime() - t0) / 1_000_000;

      assertEquals(1, r.code(), r.all());
      assertTrue(r.out().contains("Uploads wait until it answers (at most 3 seconds)."), r.out());
      assertTrue(r.err().contains("The server stopped responding."), r.err());
      assertTrue(r.err().contains("Gave up waiting. Nothing was sent"), r.err());
      assertNoStackTrace(r);
      assertTrue(silent.connections() >= 1, "the CLI did reach the port");
      assertTrue(ms >= 2500 && ms < 8000, "3 s promised, took " + ms + " ms");
    }
  }

  @Test
  void anSshDaemonIsNamedAsNotAnS3ServerAtOnce() throws Exception {
    byte[] banner = "SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII);
    try (OddListener ssh = OddListener.greeting(banner)) {
      long t0 = System.nanoTime();
      CliRunner.Result r = cli(ssh.endpoint()).run("upload", file.toString());
      long ms = (System.nanoTime() - t0) / 1_000_000;

      assertEquals(2, r.code(), r.all());
      assertEquals(
          "Error: This is not an S3 server (it answered \"SSH-2.0-OpenSSH_9.2\"). Check the"
              + " address and port: "
              + ssh.endpoint()
              + ". (NotS3)\n",
          r.err());
      assertFalse(r.all().contains("connection broke"), r.all());
      assertFalse(r.all().contains("Uploads wait"), "not waited for: " + r.all());
      assertNoStackTrace(r);
      assertTrue(ms < 20_000, "not retried for minutes; took " + ms + " ms");
    }
  }

  @Test
  void garbageOnThePortIsShownEscapedAndNotWaitedFor() throws Exception {
    byte[] garbage = {(byte) 0x80, 0x01, 0x1b, '[', '2', 'J', 'x', (byte) 0xff, '\r', '\n'};
    try (OddListener odd = OddListener.greeting(garbage)) {
      CliRunner.Result r = cli(odd.endpoint()).run("upload", file.toString());

      assertEquals(2, r.code(), r.all());
      assertTrue(r.err().startsWith("Error: This is not an S3 server (it answered \""), r.err());
      assertTrue(r.err().contains("\\x01\\x1b[2Jx"), "control bytes shown as escapes: " + r.err());
      assertFalse(r.all().contains("\u001b"), "no raw escape code reaches the terminal");
      assertNoStackTrace(r);
    }
  }

  @Test
  void aPasswordInTheAddressIsRefusedAndNeverShownOrWritten() throws Exception {
    String secret = "Pw-in-url-5c1e";
    CliRunner c = cli("http://sermons:" + secret + "@127.0.0.1:9");
    CliRunner.Result r = c.run("upload", file.toString());

    assertEquals(2, r.code(), r.all());
    assertTrue(
        r.err()
            .startsWith(
                "Error: MINIO_ENDPOINT: must not hold a user name or password (user:password@…):"
                    + " give the access key in MINIO_ACCESS_KEY and the secret key in"
                    + " MINIO_SECRET_KEY, --secret-key-file or the settings"),
        r.err());
    assertFalse(r.all().contains(secret), r.all());
    assertNoStackTrace(r);
    CliRunner.Result status = c.run("status");
    assertFalse(status.all().contains(secret), status.all());
    try (Stream<Path> files = Files.walk(tmp.resolve("home"))) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertFalse(text.contains(secret), "written to " + f);
      }
    }
  }
}
