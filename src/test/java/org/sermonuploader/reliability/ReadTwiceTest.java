package org.sermonuploader.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.cli.Cli;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.s3.EmbeddedStore;

/**
 * A byte flipped on the way while reading a recording back: verify reads a mismatch a second time
 * before it calls the recording damaged. The proxy between the CLI and S3Proxy flips one byte of
 * chosen GET answers; the stored object itself is never touched.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReadTwiceTest {
  private static final long SIZE = 300_000;

  @TempDir Path tmp;
  EmbeddedStore store;
  FaultProxy proxy;
  Map<String, String> env;
  Path file;

  @BeforeEach
  void start() throws Exception {
    store = S3TestSupport.startStore(tmp.resolve("store"));
    proxy = new FaultProxy(store.port());
    env = S3TestSupport.putAppEnv(new HashMap<>(), tmp.resolve("home"), proxy.endpoint());
    file = S3TestSupport.randomFile(tmp, "x1.wav", SIZE, 42);
    Run up = cli("upload", file.toString());
    assertEquals(0, up.code(), up.text());
    proxy.flipRequest = line -> line.startsWith("GET /" + S3TestSupport.BUCKET + "/x1.wav HTTP");
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    store.stop();
  }

  record Run(int code, String text) {}

  Run cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
    int code = Cli.run(args, env, ps, ps);
    return new Run(code, out.toString(StandardCharsets.UTF_8));
  }

  /** The SHA-256 of the recording with the byte at {@code at} flipped, as the proxy flips it. */
  String sha256Flipped(long at) throws Exception {
    byte[] b = Files.readAllBytes(file);
    b[(int) at] ^= (byte) 0xFF;
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  long objectReads() {
    return proxy.requestLines.stream().filter(l -> proxy.flipRequest.test(l)).count();
  }

  @Test
  void aByteFlippedInTheFirstReadOnlyIsOkAndSaysSo() throws Exception {
    proxy.flipAt.addAll(List.of(1000L));

    Run r = cli("verify");

    assertEquals(0, r.code(), r.text());
    assertTrue(
        r.text().matches("(?s).*ok +x1\\.wav +\\(the first read differed, the second matched\\).*"),
        r.text());
    assertTrue(r.text().contains("Checked 1: 1 ok, 0 differs, 0 missing"), r.text());
    assertEquals(2, objectReads(), "read a second time: " + proxy.requestLines);
    assertTrue(proxy.flipAt.isEmpty(), "the proxy flipped its byte");
    assertEquals(S3TestSupport.sha256(file), S3TestSupport.downloadSha256(store, "x1.wav"));
  }

  @Test
  void twoDifferentWrongReadsAreAnUnstableReadWithExit1() throws Exception {
    proxy.flipAt.addAll(List.of(1000L, 200_000L));

    Run r = cli("verify", "x1.wav");

    assertEquals(1, r.code(), r.text());
    assertTrue(r.text().matches("(?s).*unstable read +x1\\.wav.*"), r.text());
    assertTrue(
        r.text().contains(sha256Flipped(1000)) && r.text().contains(sha256Flipped(200_000)),
        "both reads are named: " + r.text());
    assertTrue(
        r.text().contains("Checked 1: 0 ok, 0 differs, 1 unstable read, 0 missing"), r.text());
  }

  @Test
  void theSameWrongReadTwiceDiffers() throws Exception {
    proxy.flipAt.addAll(List.of(5000L, 5000L));

    Run r = cli("verify", "x1.wav");

    assertEquals(1, r.code(), r.text());
    assertTrue(r.text().matches("(?s).*differs +x1\\.wav.*"), r.text());
    assertTrue(r.text().contains("SHA-256 is " + sha256Flipped(5000)), r.text());
    assertEquals(2, objectReads(), "read twice: " + proxy.requestLines);
  }
}
