package org.sermonuploader.reliability.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.reliability.config.CliRunner.assertNoStackTrace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.s3.EmbeddedStore;

/**
 * A wrong setting gives one plain sentence and exit code 2 at once; a server that is merely down is
 * waited for. Each case runs the real CLI against a real server (S3Proxy on 127.0.0.1).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@SuppressWarnings(
    "try") // TestServers.close() may be interrupted; the test then fails, as it should
class ConfigurationErrorsTest {
  @TempDir Path tmp;
  EmbeddedStore store;
  Path file;

  @BeforeEach
  void start() throws Exception {
    store = S3TestSupport.startStore(tmp.resolve("store"));
    file = S3TestSupport.randomFile(tmp, "2026-03-08 morning.mp3", 3000, 11);
  }

  @AfterEach
  void stop() {
    store.stop();
  }

  private CliRunner cli(String endpoint) {
    return new CliRunner(tmp.resolve("home-" + Integer.toHexString(endpoint.hashCode())), endpoint);
  }

  private static void assertConfigurationError(CliRunner.Result r, String expected) {
    assertEquals(2, r.code(), r.all());
    assertTrue(r.err().startsWith("Error: "), r.err());
    assertTrue(r.err().contains(expected), r.err());
    assertNoStackTrace(r);
  }

  @Test
  void anEndpointWithAnotherSchemeIsExplained() {
    // a bare "192.168.1.10:9000" gets http:// in front, as in the window (CliTest)
    CliRunner.Result r = cli("ftp://192.168.1.10:9000").run("upload", file.toString());
    assertConfigurationError(
        r, "MINIO_ENDPOINT: must start with http:// or https:// (got 'ftp://192.168.1.10:9000')");
    assertConfigurationError(
        cli("not a url").run("upload", file.toString()), "MINIO_ENDPOINT: must start with http://");
  }

  @Test
  void aWrongExpectedUploadTimeIsExplainedBeforeAnythingIsSent() {
    CliRunner c = cli(store.endpoint());
    c.env.put("EXPECT_UPLOAD", "Sunday 1pm");
    assertConfigurationError(
        c.run("upload", file.toString()),
        "EXPECT_UPLOAD: 'Sunday' is not a day and time: write [DAY-]HH:MM, e.g. Sun-13:00");
    c.env.put("EXPECT_UPLOAD", "Sun-13:00");
    c.env.put("EXPECT_WITHIN", "all morning");
    assertConfigurationError(
        c.run("upload", file.toString()),
        "EXPECT_WITHIN: 'all morning' must be a number of days, hours or minutes (1d, 12h, 90m)");
  }

  @Test
  void anEndpointThatIsNotAServerAddressIsExplained() {
    for (String bad :
        new String[] {
          "http://", "http://exa mple:9000", "http://127.0.0.1:9000/minio", "http://[::1:9000"
        }) {
      CliRunner.Result r = cli(bad).run("upload", file.toString());
      assertConfigurationError(
          r,
          "The server address '" + bad + "' is not valid. Write it like http://192.168.1.10:9000");
    }
  }

  @Test
  void anUnknownHostIsAConfigurationError() {
    // .invalid never resolves (RFC 6761)
    CliRunner.Result r = cli("http://sermon-server.invalid:9000").run("upload", file.toString());
    assertConfigurationError(
        r,
        "The server name sermon-server.invalid can't be found. Check the address and the network.");
  }

  @Test
  void aClosedPortIsWaitedForThenGivenUpWithExitOne() throws Exception {
    int port = TestServers.closedPort();
    String endpoint = "http://127.0.0.1:" + port;
    long t0 = System.nanoTime();
    CliRunner.Result r = cli(endpoint).run("upload", "--wait-for-server", "2", file.toString());
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(1, r.code(), r.all());
    assertTrue(r.out().contains("Note: Nothing answers at " + endpoint + "."), r.out());
    assertTrue(r.out().contains("Uploads wait until it answers (at most 2 seconds)."), r.out());
    assertTrue(
        r.err()
            .contains(
                "Gave up waiting. Nothing was sent; run the same command again once the server answers."),
        r.err());
    assertNoStackTrace(r);
    assertTrue(ms >= 2000 && ms < 20_000, "took " + ms + " ms");

    CliRunner.Result noWait =
        cli(endpoint).run("upload", "--wait-for-server", "0", file.toString());
    assertEquals(1, noWait.code(), noWait.all());
    assertTrue(
        noWait.err().startsWith("Error: Nothing answers at " + endpoint + "."), noWait.err());
    assertTrue(
        noWait
            .err()
            .contains("Nothing was sent; run the same command again once the server answers."),
        noWait.err());
    assertTrue(!noWait.all().contains("Uploads wait"), noWait.all());
    assertNoStackTrace(noWait);
  }

  @Test
  void aServerThatStartsWhileTheCliWaitsGetsTheUpload() throws Exception {
    int port = TestServers.closedPort();
    AtomicReference<EmbeddedStore> late = new AtomicReference<>();
    Thread starter =
        new Thread(
            () -> {
              try {
                Thread.sleep(1500);
                late.set(
                    new EmbeddedStore(
                            tmp.resolve("late"), port, S3TestSupport.ACCESS, S3TestSupport.SECRET)
                        .start()
                        .withBucket(S3TestSupport.BUCKET));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            "late-server");
    starter.start();
    try {
      CliRunner.Result r =
          cli("http://127.0.0.1:" + port).run("upload", "--wait-for-server", "60", file.toString());
      assertEquals(0, r.code(), r.all());
      assertTrue(r.out().contains("Uploads wait until it answers (at most 1 minute)."), r.out());
      assertTrue(r.out().contains("The server answers now."), r.out());
      assertNoStackTrace(r);
      starter.join();
      assertEquals(
          S3TestSupport.sha256(file),
          S3TestSupport.downloadSha256(late.get(), file.getFileName().toString()));
    } finally {
      starter.join();
      if (late.get() != null) late.get().stop();
    }
  }

  @Test
  void httpsAgainstAnHttpServerIsExplained() {
    String https = "https://" + store.endpoint().substring("http://".length());
    CliRunner.Result r = cli(https).run("upload", file.toString());
    assertConfigurationError(
        r,
        "A secure (https) connection could not be made. Does the server use http rather than https?");
  }

  @Test
  void httpAgainstAnHttpsServerIsExplained() throws Exception {
    try (TestServers tls = TestServers.https(tmp.resolve("tls"), "ip:127.0.0.1")) {
      String http = tls.httpEndpointOnHttpsPort();
      CliRunner.Result r = cli(http).run("upload", file.toString());
      assertConfigurationError(
          r,
          "The server at "
              + http
              + " answers only in https. Change the address to "
              + "https://"
              + http.substring("http://".length())
              + ".");
    }
  }

  @Test
  void aSelfSignedCertificateIsRefusedUntilItsCaFileIsGiven() throws Exception {
    try (TestServers tls = TestServers.https(tmp.resolve("tls"), "ip:127.0.0.1")) {
      CliRunner c = cli(tls.endpoint());
      CliRunner.Result refused = c.run("upload", file.toString());
      assertConfigurationError(
          refused,
          "The server's certificate is not trusted. If it is self-signed, give its CA file"
              + " in the settings (MINIO_CA_FILE).");

      CliRunner.Result trusted =
          c.run("upload", "--ca-file", tls.certificatePem.toString(), file.toString());
      assertEquals(0, trusted.code(), trusted.all());
      assertNoStackTrace(trusted);
      assertEquals(S3TestSupport.sha256(file), tls.downloadSha256(file.getFileName().toString()));

      Path second = S3TestSupport.randomFile(tmp, "evening.mp3", 4000, 12);
      c.env.put("MINIO_CA_FILE", tls.certificatePem.toString());
      CliRunner.Result fromEnv = c.run("upload", second.toString());
      assertEquals(0, fromEnv.code(), fromEnv.all());
      assertEquals(S3TestSupport.sha256(second), tls.downloadSha256("evening.mp3"));
    }
  }

  @Test
  void aCaFileThatIsMissingOrNotACertificateIsExplained() throws Exception {
    try (TestServers tls = TestServers.https(tmp.resolve("tls"), "ip:127.0.0.1")) {
      CliRunner c = cli(tls.endpoint());
      Path missing = tmp.resolve("no-such-ca.pem");
      assertConfigurationError(
          c.run("upload", "--ca-file", missing.toString(), file.toString()),
          "The CA file " + missing + " does not exist.");
      Path notPem = Files.writeString(tmp.resolve("notes.pem"), "this is not a certificate\n");
      assertConfigurationError(
          c.run("upload", "--ca-file", notPem.toString(), file.toString()),
          "The CA file " + notPem + " does not hold a certificate in PEM form.");
      Path empty = Files.writeString(tmp.resolve("empty.pem"), "");
      assertConfigurationError(
          c.run("upload", "--ca-file", empty.toString(), file.toString()),
          "does not hold a certificate in PEM form.");
    }
  }

  @Test
  void aCertificateForAnotherNameIsExplained() throws Exception {
    try (TestServers tls = TestServers.https(tmp.resolve("tls"), "dns:minio.example.org")) {
      CliRunner.Result r =
          cli(tls.endpoint())
              .run("upload", "--ca-file", tls.certificatePem.toString(), file.toString());
      assertConfigurationError(
          r, "The server's certificate is made out to another name than 127.0.0.1.");
    }
  }

  @Test
  void anExpiredCertificateIsExplainedWithTheClockInMind() throws Exception {
    try (TestServers tls = TestServers.https(tmp.resolve("tls"), "ip:127.0.0.1", "-10d", 2)) {
      CliRunner.Result r =
          cli(tls.endpoint())
              .run("upload", "--ca-file", tls.certificatePem.toString(), file.toString());
      assertConfigurationError(
          r, "The server's certificate is out of date, or this computer's clock is wrong.");
    }
  }

  @Test
  void wrongCredentialsAreExplained() {
    CliRunner c = cli(store.endpoint());
    c.env.put("MINIO_ACCESS_KEY", "nobody");
    assertConfigurationError(
        c.run("upload", file.toString()),
        "The server does not know this access key. Check the access key in the settings.");
    c.env.put("MINIO_ACCESS_KEY", S3TestSupport.ACCESS);
    c.env.put("MINIO_SECRET_KEY", "not-the-secret-4711");
    CliRunner.Result r = c.run("upload", file.toString());
    assertConfigurationError(
        r, "The server refused the secret key. Check the secret key in the settings.");
    assertTrue(!r.all().contains("not-the-secret-4711"), r.all());
  }

  @Test
  void aMissingBucketIsExplainedAndCreatedWhenAskedInTheEnvironment() throws Exception {
    CliRunner c = cli(store.endpoint());
    c.env.put("MINIO_BUCKET", "recordings-2026");
    assertConfigurationError(
        c.run("upload", file.toString()),
        "The bucket 'recordings-2026' does not exist on the server. Create it, or turn on \"create the bucket\"");
    c.env.put("MINIO_CREATE_BUCKET", "true");
    CliRunner.Result r = c.run("upload", file.toString());
    assertEquals(0, r.code(), r.all());
    assertTrue(Files.isDirectory(store.root().resolve("recordings-2026")));
  }

  @Test
  void aBucketNameTheServerCannotHaveIsExplained() {
    CliRunner c = cli(store.endpoint());
    c.env.put("MINIO_BUCKET", "Sermons_2026");
    assertConfigurationError(
        c.run("upload", file.toString()),
        "The bucket name 'Sermons_2026' is not allowed. Bucket names are 3 to 63 small letters, digits, dots and hyphens.");
  }

  @Test
  void aClockTheServerFindsTooFarOffIsExplained() throws Exception {
    // S3Proxy compares the request's x-amz-date with its own clock and answers RequestTimeTooSkewed
    // when they differ by more than its tolerance. A negative tolerance makes every request too far
    // off, so the real server code sends its real answer without changing anyone's clock. The
    // child-JVM test in ClockSkewTest does the same with a really wrong clock, where faketime
    // exists.
    try (TestServers skewed = TestServers.withTimeSkew(tmp.resolve("skew"), -3600)) {
      CliRunner.Result r = cli(skewed.endpoint()).run("upload", file.toString());
      assertConfigurationError(
          r,
          "This computer's clock is wrong, so the server refuses it. Set the date and time"
              + " (turn on network time) and try again.");
    }
  }
}
