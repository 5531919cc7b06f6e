package org.sermonuploader.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.engine.S3TestSupport.MIB;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.UploadEngine;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.engine.s3.S3Config;
import org.sermonuploader.engine.s3.S3Transfer;
import org.sermonuploader.journal.Journal;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;

/** Dropped and stalled connections and a restarting server: the job waits, retries and finishes. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NetworkFaultTest {
  @TempDir Path tmp;
  EmbeddedStore store;
  FaultProxy proxy;
  Journal journal;
  S3Transfer transfer;
  UploadEngine engine;
  final List<JobSnapshot> seen = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    store = S3TestSupport.startStore(tmp.resolve("store"));
    proxy = new FaultProxy(store.port());
    journal = Journal.open(tmp.resolve("data"));
    // short timeouts so a stalled connection is noticed in seconds, not minutes
    transfer =
        new S3Transfer(
            new S3Config(
                proxy.endpoint(),
                S3TestSupport.BUCKET,
                S3TestSupport.ACCESS,
                S3TestSupport.SECRET,
                "us-east-1",
                Duration.ofSeconds(2),
                Duration.ofSeconds(2),
                null,
                false));
    engine = new UploadEngine(S3TestSupport.options(), journal, transfer, null);
    engine.addListener(seen::add);
    engine.start();
  }

  @AfterEach
  void stop() throws Exception {
    engine.close();
    transfer.close();
    journal.close();
    proxy.close();
    store.stop();
  }

  private JobSnapshot finish(long id) throws InterruptedException {
    assertTrue(
        engine.awaitIdle(100, TimeUnit.SECONDS), "the upload finished without anyone's help");
    return engine.job(id).orElseThrow();
  }

  @Test
  void connectionsCutMidPartAreRetriedAndTheUploadFinishes() throws Exception {
    Path f = S3TestSupport.randomFile(tmp, "cut.wav", 30 * MIB, 1);
    proxy.throttle = 20L * MIB;
    long id = engine.add(f, null).job().id();
    for (int cut = 0; cut < 3; cut++) {
      long bytes = proxy.bytesUp.get();
      Awaitility.await("3 MiB more through the link")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(10))
          .until(() -> proxy.bytesUp.get() >= bytes + 3 * MIB);
      proxy.cutAll();
    }
    proxy.throttle = 0;
    JobSnapshot s = finish(id);
    assertEquals(JobState.DONE, s.state(), s.message());
    assertTrue(
        seen.stream().anyMatch(x -> x.state() == JobState.WAITING_FOR_SERVER),
        "the row said it was waiting");
    assertEquals(S3TestSupport.sha256(f), S3TestSupport.downloadSha256(store, "cut.wav"));
  }

  @Test
  void aStalledConnectionTimesOutAndIsRetriedInsteadOfHanging() throws Exception {
    Path f = S3TestSupport.randomFile(tmp, "stall.wav", 12 * MIB, 2);
    proxy.throttle = 20L * MIB;
    long id = engine.add(f, null).job().id();
    Awaitility.await("2 MiB through the link")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> proxy.bytesUp.get() >= 2 * MIB);
    proxy.stalled = true; // bytes are accepted, none pass: only a timeout can notice
    long stalledAt = System.nanoTime();
    Awaitility.await("the row waiting for the server")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> seen.stream().anyMatch(x -> x.state() == JobState.WAITING_FOR_SERVER));
    long noticedAfterMs = (System.nanoTime() - stalledAt) / 1_000_000;
    assertTrue(noticedAfterMs < 15_000, "the stall was noticed after " + noticedAfterMs + " ms");
    System.out.println(
        "stalled connection: noticed after " + noticedAfterMs + " ms (I/O timeout 2 s)");
    JobSnapshot waiting =
        seen.stream()
            .filter(x -> x.state() == JobState.WAITING_FOR_SERVER)
            .findFirst()
            .orElseThrow();
    assertTrue(
        waiting.detail().contains("Timeout") || waiting.message().contains("waiting"),
        waiting.toString());
    proxy.cutAll();
    proxy.stalled = false;
    proxy.throttle = 0;
    JobSnapshot s = finish(id);
    assertEquals(JobState.DONE, s.state(), s.message());
    assertEquals(S3TestSupport.sha256(f), S3TestSupport.downloadSha256(store, "stall.wav"));
  }

  @Test
  void theServerRestartingFiveSecondsLaterOnTheSamePortAndDataIsWaitedOut() throws Exception {
    Path f = S3TestSupport.randomFile(tmp, "restart.wav", 30 * MIB, 3);
    proxy.throttle = 20L * MIB;
    long id = engine.add(f, null).job().id();
    Awaitility.await("two parts under way")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> proxy.partRequests() >= 2);
    store.stop();
    proxy.cutAll();
    long down = System.nanoTime();
    Thread.sleep(5000);
    JobSnapshot during = engine.job(id).orElseThrow();
    assertEquals(JobState.WAITING_FOR_SERVER, during.state());
    assertTrue(
        during.message().matches("waiting for the server(, next try in \\d+ s|: trying again now)"),
        during.message());
    store.start();
    proxy.throttle = 0;
    JobSnapshot s = finish(id);
    long recoveredAfterMs = (System.nanoTime() - down) / 1_000_000;
    assertEquals(JobState.DONE, s.state(), s.message());
    assertEquals(S3TestSupport.sha256(f), S3TestSupport.downloadSha256(store, "restart.wav"));
    System.out.println(
        "server restart: finished " + recoveredAfterMs + " ms after the server went down");
  }

  /**
   * The server stops while parts are under way on a slow link and comes back later: while the row
   * says it is waiting, its bar stands at whole parts the server confirmed (bytes of a try in
   * flight are not shown as progress), and once the countdown is over it says it is trying again
   * rather than "next try in 1 s".
   */
  @Test
  void whileTheRowWaitsForTheServerItsBarStandsAtWhatTheServerConfirmed() throws Exception {
    Path f = S3TestSupport.randomFile(tmp, "wait.wav", 30 * MIB, 4);
    long partSize = S3TestSupport.options().partSizeFor(30 * MIB);
    proxy.throttle = 4L * MIB;
    long id = engine.add(f, null).job().id();
    Awaitility.await("a part under way")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> proxy.partRequests() >= 1 && proxy.bytesUp.get() >= MIB);
    store.stop();
    proxy.cutAll();
    Awaitility.await("the row waiting for the server")
        .atMost(Duration.ofSeconds(30))
        .until(() -> engine.job(id).orElseThrow().state() == JobState.WAITING_FOR_SERVER);
    store.start();
    proxy.throttle = 0;
    JobSnapshot s = finish(id);
    assertEquals(JobState.DONE, s.state(), s.message());
    assertEquals(S3TestSupport.sha256(f), S3TestSupport.downloadSha256(store, "wait.wav"));
    List<JobSnapshot> waiting =
        seen.stream().filter(x -> x.state() == JobState.WAITING_FOR_SERVER).toList();
    for (JobSnapshot w : waiting) {
      assertEquals(0, w.bytesDone() % partSize, "the bar while waiting: " + w);
    }
    assertTrue(
        waiting.stream()
            .anyMatch(w -> "waiting for the server: trying again now".equals(w.message())),
        "a try under way was shown as one: " + waiting);
  }
}
