package org.sermonuploader.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.engine.S3TestSupport.MIB;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sermonuploader.Await;
import org.sermonuploader.cli.Cli;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.s3.EmbeddedStore;

/**
 * The app is killed with SIGKILL mid-upload (a crash or power cut), then `resume` finishes the
 * upload. What may be sent twice is bounded by the parts that were in flight.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CrashResumeTest {
  static final int PARTS = 8;
  static final int IN_FLIGHT = 2;

  @TempDir Path tmp;
  EmbeddedStore store;
  FaultProxy proxy;
  Map<String, String> env;
  Path file;
  Path home;

  @BeforeEach
  void start() throws Exception {
    store = S3TestSupport.startStore(tmp.resolve("store"));
    proxy = new FaultProxy(store.port());
    proxy.throttle = 20L * MIB; // about a quarter second a part: time to act between parts
    home = tmp.resolve("home");
    env = S3TestSupport.putAppEnv(new HashMap<>(), home, proxy.endpoint());
    env.put("PART_SIZE", "5MiB");
    env.put("PARTS_IN_FLIGHT", Integer.toString(IN_FLIGHT));
    file = S3TestSupport.randomFile(tmp, "sunday service.wav", PARTS * 5 * MIB - 777, 42);
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    store.stop();
  }

  private Process startUpload() throws Exception {
    return ChildProcess.start(env, tmp.resolve("child.log"), "upload", file.toString());
  }

  private void kill(Process p) throws Exception {
    p.destroyForcibly(); // SIGKILL: no shutdown hooks, no tidy close
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    assertEquals(137, p.exitValue(), "killed by SIGKILL");
  }

  private String resume() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        Cli.run(
            new String[] {"resume"},
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(out, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, text);
    return text;
  }

  private void assertStoredIntact() throws Exception {
    assertEquals(
        S3TestSupport.sha256(file), S3TestSupport.downloadSha256(store, "sunday service.wav"));
    try (var listing = Files.list(store.root().resolve(S3TestSupport.BUCKET))) {
      assertEquals(
          1,
          listing.filter(p -> !p.getFileName().toString().startsWith(".")).count(),
          "one object: nothing half-stored poses as a second one");
    }
  }

  @ParameterizedTest(name = "killed after {0} confirmed parts")
  @ValueSource(ints = {0, 1, 5})
  void killedMidUploadResumeFinishesAndResendsAtMostThePartsInFlight(int confirmedBeforeKill)
      throws Exception {
    Process child = startUpload();
    if (confirmedBeforeKill == 0) {
      Await.until("the first part to start", () -> proxy.partRequests() >= 1);
    } else {
      Await.until(
          confirmedBeforeKill + " parts",
          () -> ChildProcess.confirmedParts(home) >= confirmedBeforeKill);
    }
    kill(child);
    long before = proxy.partRequests();
    int confirmed = ChildProcess.confirmedParts(home);
    assertTrue(confirmed < PARTS, "the kill came before the end");

    String out = resume();
    long resent = before + (proxy.partRequests() - before) - PARTS;
    System.out.printf(
        "crash after %d confirmed parts: %d of %d parts sent twice (%d MiB)%n",
        confirmed, resent, PARTS, resent * 5);
    assertTrue(out.contains("uploaded  sunday service.wav"), out);
    assertTrue(out.contains(S3TestSupport.sha256(file)), out);
    assertTrue(
        resent <= IN_FLIGHT,
        "re-sent " + resent + " parts; at most the " + IN_FLIGHT + " in flight may be");
    assertEquals(
        PARTS - confirmed,
        proxy.partRequests() - before,
        "resume sends exactly what the journal lacked");
    assertStoredIntact();
  }

  @Test
  void killedBetweenTheLastPartAndCompleteResumeSendsNoPartAgain() throws Exception {
    proxy.holdRequest = line -> line.startsWith("POST ") && line.contains("uploadId=");
    Process child = startUpload();
    Await.until(
        "the complete request",
        () ->
            proxy.requestLines.stream()
                .anyMatch(l -> l.startsWith("POST ") && l.contains("uploadId=")));
    kill(child);
    proxy.cutAll(); // the held request dies with its connection, as it would with the process
    proxy.holdRequest = line -> false;
    assertEquals(PARTS, ChildProcess.confirmedParts(home));
    long before = proxy.partRequests();

    resume();
    assertEquals(before, proxy.partRequests(), "every part was confirmed: none is sent again");
    assertStoredIntact();
  }

  @Test
  void killedAfterTheServerCompletedButBeforeTheJournalKnewResumeFindsItDone() throws Exception {
    proxy.holdResponse = line -> line.startsWith("POST ") && line.contains("uploadId=");
    Process child = startUpload();
    var direct = S3TestSupport.transfer(store);
    Await.until(
        "the server to finish the object",
        () -> {
          try {
            return direct.find("sunday service.wav").isPresent();
          } catch (Exception e) {
            return false;
          }
        });
    kill(child);
    proxy.cutAll();
    proxy.holdResponse = line -> false;
    long before = proxy.partRequests();

    String out = resume();
    assertTrue(out.contains("uploaded  sunday service.wav"), out);
    assertEquals(before, proxy.partRequests(), "nothing is sent again");
    assertStoredIntact();
    direct.close();
  }
}
