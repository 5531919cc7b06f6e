package org.sermonuploader.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.engine.S3TestSupport.MIB;

import io.minio.AbortMultipartUploadArgs;
import io.minio.CreateMultipartUploadArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.Await;
import org.sermonuploader.engine.CountingTransfer;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.UploadEngine;
import org.sermonuploader.engine.s3.S3Config;
import org.sermonuploader.engine.s3.S3Transfer;
import org.sermonuploader.journal.Journal;
import org.sermonuploader.memory.PressureGate;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.SermonDetails;

/**
 * Two stations (each its own data folder and journal) upload different recordings under the same
 * name at the same moment, against servers with conditional writes: neither recording may be
 * replaced or lost, and each row says where its recording is. Run against S3Proxy ({@link
 * SameNameRaceTest}) and against S3Mock ({@link SameNameRaceOnS3MockTest}), whose abort of an
 * unfinished upload deletes the finished object under the same key.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SameNameRace {
  @TempDir static Path tmp;
  private final AtomicInteger stations = new AtomicInteger();

  /** The S3 endpoint of the server under test, with the test bucket made. */
  abstract String endpoint();

  /** Its port on 127.0.0.1, for a proxy in front of it. */
  abstract int port();

  /** One station: its own journal and engine over a real S3 transfer. */
  final class Station implements AutoCloseable {
    final Journal journal;
    final CountingTransfer transfer;
    final UploadEngine engine;

    Station(String name) throws Exception {
      this(name, endpoint());
    }

    /** A station talking to the server at {@code endpoint} (a proxy in front of it). */
    Station(String name, String endpoint) throws Exception {
      journal = Journal.open(tmp.resolve(name + "-" + stations.incrementAndGet()));
      transfer = new CountingTransfer(new S3Transfer(config(endpoint)));
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
            Set.of(downloadSha256(name), downloadSha256(second)),
            "round " + round + ": both recordings are in the bucket, byte for byte");
        assertEquals(
            S3TestSupport.sha256(sa.key().equals(name) ? a : b),
            downloadSha256(name),
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
            "done, under a new name",
            loser.engine.history().get(0).outcome().words(),
            "history says so");
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
            if (first.getAndSet(false)) putObject(key, theirs);
          });
      long id = station.engine.add(mine, SermonDetails.NONE).job().id();
      JobSnapshot s = station.finished(id);
      assertEquals(JobState.DONE, s.state(), s.message());
      assertEquals("Vespers (2).mp3", s.key());
      assertEquals(
          S3TestSupport.sha256(new java.io.ByteArrayInputStream(theirs)),
          downloadSha256("Vespers.mp3"),
          "the other station's recording is untouched");
      assertEquals(S3TestSupport.sha256(mine), downloadSha256(s.key()));
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
            if (first.getAndSet(false)) putObject(key, Files.readAllBytes(theirs));
          });
      long id = station.engine.add(mine, SermonDetails.NONE).job().id();
      JobSnapshot s = station.finished(id);
      assertEquals(JobState.DONE, s.state(), s.message());
      assertEquals("Vigil (2).wav", s.key());
      assertEquals(S3TestSupport.sha256(theirs), downloadSha256("Vigil.wav"));
      assertEquals(S3TestSupport.sha256(mine), downloadSha256(s.key()));
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
    try (FaultProxy proxy = new FaultProxy(port());
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
      Await.until(
          "the upload completed", Duration.ofSeconds(90), () -> keys().contains("Compline.wav"));
      putObject("Compline.wav", Files.readAllBytes(theirs));
      proxy.holdResponse = line -> false;
      assertTrue(engine.awaitIdle(120, TimeUnit.SECONDS));
      JobSnapshot s = engine.job(id).orElseThrow();
      assertEquals(JobState.DONE, s.state(), s.message());
      assertEquals("Compline (2).wav", s.key());
      assertEquals(S3TestSupport.sha256(mine), downloadSha256(s.key()));
      assertEquals(S3TestSupport.sha256(theirs), downloadSha256("Compline.wav"));
    }
  }

  /**
   * Issue "Trust, round two", item 1, as seen through a logging proxy on S3Mock: A completes; B
   * finds the name taken and aborts its own upload (on S3Mock that deletes A's object); A's tagging
   * request comes after. A must end with its own recording under the name, B under the next name.
   * A's first write on the object after complete (its tag on S3Mock, its SHA-256 marker where there
   * are no tags) waits until B has finished.
   */
  @Test
  void theStationThatLosesTheNameLeavesTheWinnersRecordingInPlace() throws Exception {
    String name = "Lauds.wav";
    Path a = S3TestSupport.randomFile(tmp.resolve("lauds-a"), name, 11 * MIB, 21);
    Path b = S3TestSupport.randomFile(tmp.resolve("lauds-b"), name, 11 * MIB, 22);
    try (FaultProxy proxyA = new FaultProxy(port());
        FaultProxy proxyB = new FaultProxy(port());
        Station one = new Station("lauds-one", proxyA.endpoint());
        Station two = new Station("lauds-two", proxyB.endpoint())) {
      AtomicBoolean releaseA = new AtomicBoolean();
      proxyA.holdRequest = line -> !releaseA.get() && firstWriteAfterComplete(line, name);
      // B writes only once A's object is complete and A is held before its next write
      proxyB.holdRequest =
          line ->
              line.startsWith("POST /" + S3TestSupport.BUCKET + "/" + name + "?uploadId=")
                  && proxyA.requestLines.stream().noneMatch(l -> firstWriteAfterComplete(l, name));
      long idA = one.engine.add(a, SermonDetails.NONE).job().id();
      long idB = two.engine.add(b, SermonDetails.NONE).job().id();
      JobSnapshot sb = two.finished(idB);
      releaseA.set(true);
      JobSnapshot sa = one.finished(idA);
      assertEquals(JobState.DONE, sa.state(), sa.message());
      assertEquals(JobState.DONE, sb.state(), sb.message());
      assertEquals(name, sa.key(), "the first to complete keeps the name");
      assertEquals("Lauds (2).wav", sb.key());
      assertEquals(S3TestSupport.sha256(a), downloadSha256(name), "A's recording is still there");
      assertEquals(S3TestSupport.sha256(b), downloadSha256(sb.key()));
      assertEquals(
          "Another station stored a recording as Lauds.wav at the same moment, so this one was"
              + " stored as Lauds (2).wav.",
          sb.message());
      assertEquals(null, sa.message(), "A's row says nothing unusual");
    }
  }

  /**
   * The server loses the object right after it was written (on S3Mock, another station's abort
   * under the same name deletes it) and before the app's next write on it: the job is not done
   * until it is stored again, under a free name, and the row says why.
   */
  @Test
  void aRecordingTheServerLosesRightAfterItWasWrittenIsStoredAgainUnderAFreeName()
      throws Exception {
    String name = "Matins.wav";
    Path mine = S3TestSupport.randomFile(tmp.resolve("matins"), name, 11 * MIB, 23);
    try (FaultProxy proxy = new FaultProxy(port());
        Station station = new Station("matins", proxy.endpoint())) {
      AtomicBoolean release = new AtomicBoolean();
      proxy.holdRequest = line -> !release.get() && firstWriteAfterComplete(line, name);
      long id = station.engine.add(mine, SermonDetails.NONE).job().id();
      Await.until(
          "the upload completed",
          Duration.ofSeconds(90),
          () -> proxy.requestLines.stream().anyMatch(l -> firstWriteAfterComplete(l, name)));
      objectLostUnder(name);
      release.set(true);
      JobSnapshot s = station.finished(id);
      assertEquals(JobState.DONE, s.state(), s.message());
      assertEquals("Matins (2).wav", s.key(), "stored again under a free name");
      assertEquals(S3TestSupport.sha256(mine), downloadSha256(s.key()));
      assertEquals(
          "The server lost this recording right after storing it as Matins.wav (on some servers"
              + " another station's upload under the same name removes it), so it was stored"
              + " again as Matins (2).wav.",
          s.message());
      assertEquals(
          "done, under a new name",
          station.engine.history().get(0).outcome().words(),
          "one history line");
      assertEquals(1, station.engine.history().size());
    }
  }

  /** The object tag (where the server keeps tags) or else the SHA-256 marker of {@code key}. */
  private static boolean firstWriteAfterComplete(String requestLine, String key) {
    String bucket = "/" + S3TestSupport.BUCKET + "/";
    return requestLine.startsWith("PUT " + bucket + key + "?tagging")
        || requestLine.startsWith("PUT " + bucket + ".sermon-uploader/sha256/" + key + " ");
  }

  /**
   * The object under {@code key} goes away: on S3Mock by another client aborting an upload of its
   * own under the key, as a losing station does; on servers whose abort leaves it, by a delete.
   */
  private void objectLostUnder(String key) throws Exception {
    MinioAsyncClient async =
        MinioAsyncClient.builder()
            .endpoint(endpoint())
            .credentials(S3TestSupport.ACCESS, S3TestSupport.SECRET)
            .region("us-east-1")
            .build();
    String id =
        async
            .createMultipartUpload(
                CreateMultipartUploadArgs.builder()
                    .bucket(S3TestSupport.BUCKET)
                    .object(key)
                    .build())
            .get()
            .result()
            .uploadId();
    async
        .abortMultipartUpload(
            AbortMultipartUploadArgs.builder()
                .bucket(S3TestSupport.BUCKET)
                .object(key)
                .uploadId(id)
                .build())
        .get();
    if (keys().contains(key)) {
      client()
          .removeObject(
              RemoveObjectArgs.builder().bucket(S3TestSupport.BUCKET).object(key).build());
    }
  }

  static S3Config config(String endpoint) {
    return S3TestSupport.config(
        endpoint, S3TestSupport.BUCKET, S3TestSupport.ACCESS, S3TestSupport.SECRET);
  }

  private @Nullable MinioClient client;

  /** One client for the class: building one costs seconds on a loaded machine. */
  synchronized MinioClient client() {
    if (client == null) {
      client =
          MinioClient.builder()
              .endpoint(endpoint())
              .credentials(S3TestSupport.ACCESS, S3TestSupport.SECRET)
              .region("us-east-1")
              .build();
    }
    return client;
  }

  /** Downloads the object and hashes it: what a user would check. */
  String downloadSha256(String key) throws Exception {
    try (InputStream in =
        client()
            .getObject(GetObjectArgs.builder().bucket(S3TestSupport.BUCKET).object(key).build())) {
      return S3TestSupport.sha256(in);
    }
  }

  /** Stores {@code bytes} under {@code key} the way another station or tool would. */
  void putObject(String key, byte[] bytes) throws Exception {
    client()
        .putObject(
            PutObjectArgs.builder()
                .bucket(S3TestSupport.BUCKET)
                .object(key)
                .data(bytes, bytes.length)
                .build());
  }

  SortedSet<String> keys() throws Exception {
    SortedSet<String> out = new TreeSet<>();
    for (var r :
        client()
            .listObjects(
                ListObjectsArgs.builder().bucket(S3TestSupport.BUCKET).recursive(true).build()))
      out.add(r.get().objectName());
    return out;
  }
}
