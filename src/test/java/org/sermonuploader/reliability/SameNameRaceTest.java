package org.sermonuploader.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.engine.S3TestSupport.MIB;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.engine.CountingTransfer;
import org.sermonuploader.engine.JobSnapshot;
import org.sermonuploader.engine.JobState;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.SermonDetails;
import org.sermonuploader.engine.UploadEngine;
import org.sermonuploader.engine.s3.S3Config;
import org.sermonuploader.engine.s3.S3Transfer;
import org.sermonuploader.journal.Journal;
import org.sermonuploader.memory.PressureGate;

/**
 * Two stations (each its own data folder and journal) upload different recordings under the same
 * name at the same moment, against a server with conditional writes (S3Proxy): neither recording
 * may be replaced.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SameNameRaceTest {
  @TempDir Path tmp;
  org.sermonuploader.engine.s3.EmbeddedStore store;

  @BeforeEach
  void start() throws Exception {
    store = S3TestSupport.startStore(tmp.resolve("store"));
  }

  @AfterEach
  void stop() {
    store.stop();
  }

  /** One station: its own journal and engine over a real S3 transfer. */
  private final class Station implements AutoCloseable {
    final Journal journal;
    final CountingTransfer transfer;
    final UploadEngine engine;

    Station(String name) throws Exception {
      journal = Journal.open(tmp.resolve(name));
      transfer = new CountingTransfer(S3TestSupport.transfer(store));
      engine =
          new UploadEngine(S3TestSupport.options(), journal, transfer, PressureGate.NEVER_PRESSED);
      engine.start();
    }

    JobSnapshot finished(long id) throws InterruptedException {
      assertTrue(engine.awaitIdle(120, TimeUnit.SECONDS), "upload did not finish");
      return engine.job(id).orElseThrow();
    }

    @Override
    public void close() {
      engine.close();
      transfer.close();
      journal.close();
    }
  }

  /**
   * Holds each station's first write until both are about to write, so both pass the last look at
   * the key and the server alone decides: the closest race two stations can run.
   */
  private static void writeTogether(CountingTransfer a, CountingTransfer b) {
    CountDownLatch both = new CountDownLatch(2);
    for (CountingTransfer t : List.of(a, b)) {
      AtomicBoolean first = new AtomicBoolean(true);
      t.beforeWrite(
          key -> {
            if (!first.getAndSet(false)) return;
            both.countDown();
            assertTrue(both.await(60, TimeUnit.SECONDS), "the other station never got there");
          });
    }
  }

  @Test
  void twoStationsStoringDifferentRecordingsUnderOneNameBothKeepTheirs() throws Exception {
    for (int round = 1; round <= 10; round++) {
      String name = "Easter " + round + ".wav";
      // two parts each (5 MiB + the rest), different sizes in odd rounds, the same in even ones
      Path a = S3TestSupport.randomFile(tmp.resolve("a"), name, 6 * MIB + 1000, round);
      Path b =
          S3TestSupport.randomFile(
              tmp.resolve("b"), name, 6 * MIB + (round % 2 == 0 ? 1000 : 7000), 1000 + round);
      String shaA = S3TestSupport.sha256(a);
      String shaB = S3TestSupport.sha256(b);
      try (Station one = new Station("one-" + round);
          Station two = new Station("two-" + round)) {
        writeTogether(one.transfer, two.transfer);
        long idA = one.engine.add(a, SermonDetails.NONE).job().id();
        long idB = two.engine.add(b, SermonDetails.NONE).job().id();
        JobSnapshot sa = one.finished(idA);
        JobSnapshot sb = two.finished(idB);
        assertEquals(JobState.DONE, sa.state(), "round " + round + ": " + sa.message());
        assertEquals(JobState.DONE, sb.state(), "round " + round + ": " + sb.message());
        String second = "Easter " + round + " (2).wav";
        assertEquals(Set.of(name, second), Set.of(sa.key(), sb.key()), "round " + round);
        assertEquals(
            Set.of(shaA, shaB),
            Set.of(
                S3TestSupport.downloadSha256(store, name),
                S3TestSupport.downloadSha256(store, second)),
            "round " + round + ": both recordings are in the bucket, byte for byte");
        assertEquals(
            S3TestSupport.sha256(sa.key().equals(name) ? a : b),
            S3TestSupport.downloadSha256(store, name),
            "round " + round + ": the first name holds the winner's recording");
        JobSnapshot renamed = sa.key().equals(second) ? sa : sb;
        assertEquals(
            "Another station stored a recording as "
                + name
                + " at the same moment, so this one was stored as "
                + second
                + ".",
            renamed.message());
        Station loser = sa.key().equals(second) ? one : two;
        assertEquals(
            "done, under a new name", loser.engine.history().get(0).outcome(), "history says so");
      }
    }
  }

  @Test
  void aSinglePutThatLosesTheNameToAnotherStationGoesToTheNextName() throws Exception {
    Path mine = S3TestSupport.randomFile(tmp.resolve("mine"), "Vespers.mp3", 700_000, 7);
    byte[] theirs = new byte[700_000];
    new java.util.Random(8).nextBytes(theirs);
    try (Station station = new Station("station")) {
      AtomicBoolean first = new AtomicBoolean(true);
      station.transfer.beforeWrite(
          key -> {
            if (first.getAndSet(false)) S3TestSupport.putObject(store, key, theirs);
          });
      long id = station.engine.add(mine, SermonDetails.NONE).job().id();
      JobSnapshot s = station.finished(id);
      assertEquals(JobState.DONE, s.state(), s.message());
      assertEquals("Vespers (2).mp3", s.key());
      assertEquals(
          S3TestSupport.sha256(new java.io.ByteArrayInputStream(theirs)),
          S3TestSupport.downloadSha256(store, "Vespers.mp3"),
          "the other station's recording is untouched");
      assertEquals(S3TestSupport.sha256(mine), S3TestSupport.downloadSha256(store, s.key()));
      assertTrue(s.message().contains("at the same moment"), s.message());
    }
  }

  @Test
  void aMultipartUploadThatLosesTheNameAtCompleteGoesToTheNextName() throws Exception {
    Path mine = S3TestSupport.randomFile(tmp.resolve("mine"), "Vigil.wav", 11 * MIB, 9);
    Path theirs = S3TestSupport.randomFile(tmp.resolve("theirs"), "Vigil.wav", 11 * MIB, 10);
    try (Station station = new Station("station")) {
      AtomicBoolean first = new AtomicBoolean(true);
      station.transfer.beforeWrite(
          key -> {
            if (first.getAndSet(false))
              S3TestSupport.putObject(store, key, Files.readAllBytes(theirs));
          });
      long id = station.engine.add(mine, SermonDetails.NONE).job().id();
      JobSnapshot s = station.finished(id);
      assertEquals(JobState.DONE, s.state(), s.message());
      assertEquals("Vigil (2).wav", s.key());
      assertEquals(S3TestSupport.sha256(theirs), S3TestSupport.downloadSha256(store, "Vigil.wav"));
      assertEquals(S3TestSupport.sha256(mine), S3TestSupport.downloadSha256(store, s.key()));
      assertEquals(6, station.transfer.partsSent(), "sent twice, 3 parts each time");
    }
  }

  /**
   * A server without conditional writes, or a tool that writes without them: the other recording
   * lands on the key just after ours was completed, before the app looked at it.
   */
  @Test
  void aRecordingReplacedRightAfterItWasWrittenIsStoredAgain() throws Exception {
    Path mine = S3TestSupport.randomFile(tmp.resolve("mine"), "Compline.wav", 11 * MIB, 11);
    Path theirs = S3TestSupport.randomFile(tmp.resolve("theirs"), "Compline.wav", 11 * MIB, 12);
    String complete = "POST /" + S3TestSupport.BUCKET + "/Compline.wav?uploadId=";
    try (FaultProxy proxy = new FaultProxy(store.port());
        Journal journal = Journal.open(tmp.resolve("station"));
        S3Transfer transfer =
            new S3Transfer(
                new S3Config(
                    proxy.endpoint(),
                    S3TestSupport.BUCKET,
                    S3TestSupport.ACCESS,
                    S3TestSupport.SECRET,
                    "us-east-1",
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(60),
                    null,
                    false));
        UploadEngine engine =
            new UploadEngine(
                S3TestSupport.options(), journal, transfer, PressureGate.NEVER_PRESSED)) {
      proxy.holdResponse = line -> line.startsWith(complete);
      engine.start();
      long id = engine.add(mine, SermonDetails.NONE).job().id();
      // the server has completed it; its answer waits in the proxy
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (!S3TestSupport.keys(store).contains("Compline.wav")) {
        assertTrue(System.nanoTime() < deadline, "the upload never completed");
        Thread.sleep(20);
      }
      S3TestSupport.putObject(store, "Compline.wav", Files.readAllBytes(theirs));
      proxy.holdResponse = line -> false;
      assertTrue(engine.awaitIdle(120, TimeUnit.SECONDS));
      JobSnapshot s = engine.job(id).orElseThrow();
      assertEquals(JobState.DONE, s.state(), s.message());
      assertEquals("Compline (2).wav", s.key());
      assertEquals(S3TestSupport.sha256(mine), S3TestSupport.downloadSha256(store, s.key()));
      assertEquals(
          S3TestSupport.sha256(theirs), S3TestSupport.downloadSha256(store, "Compline.wav"));
    }
  }
}
