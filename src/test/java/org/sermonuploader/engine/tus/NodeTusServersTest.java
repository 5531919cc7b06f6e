package org.sermonuploader.engine.tus;

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
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sermonuploader.Await;
import org.sermonuploader.cli.Cli;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.reliability.ChildProcess;

/**
 * The app against the tus Node.js server as it ships: @tus/server 2.4.5 with @tus/file-store, and
 * with @tus/s3-store writing into S3Proxy (a tus-to-S3 pipeline). What the server stored is read
 * back from its folder or bucket.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NodeTusServersTest {
  static final long MIB = EngineRig.MIB;

  @TempDir Path tmp;
  EmbeddedStore s3;
  NodeTusServer server;
  EngineRig rig;

  private void start(NodeTusServer.Store store) throws Exception {
    if (store == NodeTusServer.Store.S3) {
      s3 = S3TestSupport.startStore(tmp.resolve("s3"));
      server = NodeTusServer.s3Store(tmp.resolve("node"), s3);
    } else {
      server = NodeTusServer.fileStore(tmp.resolve("node"));
    }
  }

  @AfterEach
  void stop() throws Exception {
    if (rig != null) rig.close();
    if (server != null) server.close();
    if (s3 != null) s3.stop();
  }

  /** Uploads through the engine and waits for the job to finish. */
  private JobSnapshot upload(Path file) throws Exception {
    rig = new EngineRig(tmp.resolve("data")).start(server.endpoint(), Map.of(), 2);
    return rig.awaitFinished(rig.add(file), 90);
  }

  /** The recording and its checksum file arrived: bytes by SHA-256, and the sha256sum line. */
  private void assertArrived(Path file) throws Exception {
    String name = file.getFileName().toString();
    String sha = S3TestSupport.sha256(file);
    NodeTusServer.Stored stored = server.upload(name);
    assertEquals(Files.size(file), stored.size());
    assertTrue(server.hasData(stored), "the server stored the bytes of " + name);
    assertEquals(sha, server.sha256Of(stored), "the bytes the server stored");
    assertEquals(name, stored.metadata().get("key"));
    NodeTusServer.Stored sidecar = server.upload(name + ChecksumFile.SUFFIX);
    assertTrue(server.hasData(sidecar), "the server stored the checksum file");
    assertEquals(sha + "  " + name + "\n", server.textOf(sidecar));
    assertEquals(sha, sidecar.metadata().get("sha256"));
    assertTrue(sidecar.metadata().get("sha256-of").endsWith(stored.id()));
    assertEquals(2, server.uploads().size(), "one upload and its checksum file, nothing more");
  }

  @ParameterizedTest
  @EnumSource(NodeTusServer.Store.class)
  void aRecordingArrivesByteForByte(NodeTusServer.Store store) throws Exception {
    start(store);
    Path file = S3TestSupport.randomFile(tmp, "2024-05-05 Sunday.mp3", 13 * MIB + 12345, 1);
    JobSnapshot done = upload(file);
    assertEquals(JobState.DONE, done.state(), done.message());
    assertEquals(S3TestSupport.sha256(file), done.sha256());
    assertArrived(file);
    assertEquals("test-station", server.upload("2024-05-05 Sunday.mp3").metadata().get("station"));
  }

  @ParameterizedTest
  @EnumSource(NodeTusServer.Store.class)
  void anEmptyRecordingIsRefusedAndNothingArrives(NodeTusServer.Store store) throws Exception {
    start(store);
    Path file = S3TestSupport.randomFile(tmp, "silence.mp3", 0, 2);
    JobSnapshot done = upload(file);
    assertEquals(JobState.FAILED, done.state());
    assertEquals("Empty recording: 0 B, nothing was recorded.", done.message());
    assertTrue(server.uploads().isEmpty(), "nothing on the server: " + server.uploads());
  }

  @ParameterizedTest
  @EnumSource(NodeTusServer.Store.class)
  void aUnicodeNameArrivesAsItIs(NodeTusServer.Store store) throws Exception {
    start(store);
    Path file = S3TestSupport.randomFile(tmp, "Grüße – 祝福 «Predigt» 🎵.mp3", 6 * MIB + 7, 3);
    JobSnapshot done = upload(file);
    assertEquals(JobState.DONE, done.state(), done.message());
    assertArrived(file);
  }

  @ParameterizedTest
  @EnumSource(NodeTusServer.Store.class)
  void killedMidUploadResumeFinishesItAndSendsAtMostOneRequestTwice(NodeTusServer.Store store)
      throws Exception {
    start(store);
    Path file = S3TestSupport.randomFile(tmp, "evening service.wav", 40 * MIB + 999, 4);
    Path home = tmp.resolve("home");
    try (CuttableProxy proxy = new CuttableProxy(server.port())) {
      proxy.throttle = 16 * MIB; // about two and a half seconds for the file: time to kill it
      Map<String, String> env = new HashMap<>();
      env.put("SERMON_UPLOADER_HOME", home.toString());
      env.put("DESTINATION", "tus");
      env.put("TUS_ENDPOINT", "http://127.0.0.1:" + proxy.port() + "/files");
      env.put("STATUS_PORT", "0");
      env.put("PART_SIZE", "5MiB");
      Process child = ChildProcess.start(env, tmp.resolve("child.log"), "upload", file.toString());
      // two requests confirmed and the third under way
      Await.until(
          "a third PATCH request",
          () -> {
            assertTrue(child.isAlive(), "the upload ended before it could be killed");
            return proxy.requests.stream().filter(r -> r.method().equals("PATCH")).count() >= 3;
          });
      child.destroyForcibly(); // SIGKILL: no shutdown hooks, no goodbye to the server
      assertTrue(child.waitFor(10, TimeUnit.SECONDS));
      assertEquals(137, child.exitValue(), "killed by SIGKILL");
      proxy.throttle = 0;

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
      int code = Cli.run(new String[] {"resume"}, env, print, print);
      String text = out.toString(StandardCharsets.UTF_8);
      assertEquals(Cli.OK, code, text);
      assertTrue(text.contains(S3TestSupport.sha256(file)), text);

      long twice = proxy.bodyBytes("PATCH") - Files.size(file);
      System.out.printf("tus %s: killed and resumed, at most %d bytes sent twice%n", store, twice);
      assertTrue(
          twice <= TusConfig.DEFAULT_PAYLOAD_SIZE,
          "declared PATCH bodies exceed the file by " + twice + " bytes: more than one request");
    }
    assertArrived(file);
  }
}
