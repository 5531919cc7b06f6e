package org.sermonuploader.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.engine.S3TestSupport.MIB;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.Await;
import org.sermonuploader.cli.Cli;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.s3.EmbeddedStore;

/**
 * Recordings kept on this computer (no server set up) move to the server once one is: checked there
 * before the local copy goes, and a run killed half-way loses or doubles nothing.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class MigrateTest {
  @TempDir Path tmp;
  EmbeddedStore server;
  Path home;
  Map<String, String> env;

  @BeforeEach
  void start() throws Exception {
    server = S3TestSupport.startStore(tmp.resolve("server"));
    home = tmp.resolve("home");
    env = S3TestSupport.putAppEnv(new HashMap<>(), home, null);
    env.put("PART_SIZE", "5MiB");
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  record Run(int code, String text) {}

  Run cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
    int code = Cli.run(args, env, ps, ps);
    return new Run(code, out.toString(StandardCharsets.UTF_8));
  }

  /** Stores a recording the way a computer with no server does: in its local store. */
  Path keepLocally(String name, long size, long seed, String prefix) throws Exception {
    Path f = S3TestSupport.randomFile(tmp, name, size, seed);
    if (prefix != null) env.put("KEY_PREFIX", prefix);
    Run r = cli("upload", f.toString());
    env.remove("KEY_PREFIX");
    assertEquals(0, r.code(), r.text());
    assertTrue(Files.isRegularFile(local(prefix == null ? name : prefix + name)), r.text());
    return f;
  }

  Path local(String key) {
    return home.resolve("local-store").resolve(S3TestSupport.BUCKET).resolve(key);
  }

  Set<String> recordingsOnServer() throws Exception {
    Set<String> out = new TreeSet<>();
    for (String k : S3TestSupport.keys(server)) if (!k.startsWith(".")) out.add(k);
    return out;
  }

  @Test
  void movesEveryLocalRecordingCheckedAndOnlyThenDeletesIt() throws Exception {
    Path a = keepLocally("morning.wav", 11 * MIB + 7, 1, null);
    Path b = keepLocally("evening.mp3", 400_000, 2, "archive/");
    env.put("MINIO_ENDPOINT", server.endpoint());
    Run waiting = cli("verify");
    assertEquals(0, waiting.code(), "kept here, not missing there: " + waiting.text());

    Run r = cli("migrate");

    assertEquals(0, r.code(), r.text());
    assertTrue(r.text().contains("Moving 2 recordings"), r.text());
    assertTrue(r.text().contains("2 moved to the server, 0 still on this computer."), r.text());
    assertEquals(Set.of("archive/evening.mp3", "morning.wav"), recordingsOnServer());
    assertEquals(S3TestSupport.sha256(a), S3TestSupport.downloadSha256(server, "morning.wav"));
    assertEquals(
        S3TestSupport.sha256(b), S3TestSupport.downloadSha256(server, "archive/evening.mp3"));
    assertFalse(Files.exists(local("morning.wav")));
    assertFalse(Files.exists(local("archive/evening.mp3")));

    Run verified = cli("verify");
    assertEquals(0, verified.code(), verified.text());
    assertTrue(verified.text().contains("Checked 2: 2 ok"), verified.text());

    Run status = cli("status");
    assertTrue(status.text().matches("(?s).*done.*archive/evening\\.mp3.*"), status.text());

    Run again = cli("migrate");
    assertEquals(0, again.code(), again.text());
    assertTrue(again.text().contains("nothing to move"), again.text());
  }

  @Test
  void movingKeepsToTheBandwidthLimitOfUploads() throws Exception {
    Path a = keepLocally("long service.wav", 20 * MIB, 5, null);
    env.put("MINIO_ENDPOINT", server.endpoint());
    env.put("BANDWIDTH_LIMIT", "1M:off"); // 1 MiB/s sent, reads (the check) not limited

    long start = System.nanoTime();
    Run r = cli("migrate");
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertEquals(0, r.code(), r.text());
    assertEquals(S3TestSupport.sha256(a), S3TestSupport.downloadSha256(server, "long service.wav"));
    assertTrue(took.toMillis() >= 19_000, "20 MiB at 1 MiB/s took only " + took);
    assertTrue(took.toMillis() < 35_000, "the read-back is not limited: " + took);
  }

  @Test
  void aRecordingAlreadyOnTheServerIsNotStoredTwice() throws Exception {
    Path a = keepLocally("morning.wav", 6 * MIB, 3, null);
    // an earlier run stored it and stopped before deleting the local copy
    S3TestSupport.putObject(server, "morning.wav", Files.readAllBytes(a));
    env.put("MINIO_ENDPOINT", server.endpoint());

    Run r = cli("migrate");

    assertEquals(0, r.code(), r.text());
    assertEquals(Set.of("morning.wav"), recordingsOnServer());
    assertFalse(Files.exists(local("morning.wav")));
  }

  @Test
  void aDifferentRecordingOfTheSameNameIsKeptAndTheLocalOneStoredBeside() throws Exception {
    Path a = keepLocally("morning.wav", 2 * MIB, 4, null);
    S3TestSupport.putObject(server, "morning.wav", new byte[] {9, 9, 9});
    env.put("MINIO_ENDPOINT", server.endpoint());

    Run r = cli("migrate");

    assertEquals(0, r.code(), r.text());
    assertEquals(Set.of("morning (2).wav", "morning.wav"), recordingsOnServer());
    assertEquals(S3TestSupport.sha256(a), S3TestSupport.downloadSha256(server, "morning (2).wav"));
    assertEquals(
        S3TestSupport.sha256(new java.io.ByteArrayInputStream(new byte[] {9, 9, 9})),
        S3TestSupport.downloadSha256(server, "morning.wav"),
        "the server's own recording is left as it was");
    assertFalse(Files.exists(local("morning.wav")));
  }

  @Test
  void killedHalfWayThenRunAgainLosesAndDoublesNothing() throws Exception {
    Path big = keepLocally("long service.wav", 40 * MIB + 13, 5, null);
    FaultProxy proxy = new FaultProxy(server.port());
    try {
      proxy.throttle = 20L * MIB;
      env.put("MINIO_ENDPOINT", proxy.endpoint());
      Process child = ChildProcess.start(env, tmp.resolve("child.log"), "migrate");
      Await.until("two parts on the server", () -> ChildProcess.confirmedParts(home) >= 2);
      child.destroyForcibly();
      assertTrue(child.waitFor(10, TimeUnit.SECONDS));
      assertEquals(137, child.exitValue(), "killed by SIGKILL");
      assertEquals(Set.of(), recordingsOnServer(), "killed before the upload finished");
      assertTrue(Files.isRegularFile(local("long service.wav")), "not deleted before checked");
      assertEquals(S3TestSupport.sha256(big), S3TestSupport.sha256(local("long service.wav")));

      proxy.throttle = 0;
      Run r = cli("migrate");

      assertEquals(0, r.code(), r.text() + Files.readString(tmp.resolve("child.log")));
      assertEquals(Set.of("long service.wav"), recordingsOnServer());
      assertEquals(
          S3TestSupport.sha256(big), S3TestSupport.downloadSha256(server, "long service.wav"));
      assertFalse(Files.exists(local("long service.wav")));
    } finally {
      proxy.close();
    }
  }
}
