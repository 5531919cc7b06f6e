package org.sermonuploader.engine;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.engine.S3TestSupport.MIB;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.journal.Journal;
import org.sermonuploader.memory.PressureGate;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.SermonDetails;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class UploadEngineTest {
  @TempDir Path tmp;
  EmbeddedStore store;
  Path files;
  Path data;

  @BeforeEach
  void start() throws Exception {
    store = S3TestSupport.startStore(tmp.resolve("store"));
    files = Files.createDirectories(tmp.resolve("files"));
    data = tmp.resolve("data");
  }

  @AfterEach
  void stop() {
    store.stop();
  }

  /** An engine over a real S3 transfer; closed by the test. */
  private final class Rig implements AutoCloseable {
    final Journal journal;
    final CountingTransfer transfer;
    final UploadEngine engine;

    Rig(EngineOptions options) throws Exception {
      journal = Journal.open(data);
      transfer = new CountingTransfer(S3TestSupport.transfer(store));
      engine = new UploadEngine(options, journal, transfer, PressureGate.NEVER_PRESSED);
    }

    Rig() throws Exception {
      this(S3TestSupport.options());
    }

    JobSnapshot upload(Path file) throws Exception {
      engine.start();
      long id = engine.add(file, SermonDetails.NONE).job().id();
      assertTrue(engine.awaitIdle(90, TimeUnit.SECONDS), "upload did not finish");
      return engine.job(id).orElseThrow();
    }

    @Override
    public void close() {
      engine.close();
      transfer.close();
      journal.close();
    }
  }

  private JobSnapshot awaitState(UploadEngine engine, long id, JobState state) {
    return await("job " + id + " reaching " + state)
        .atMost(Duration.ofSeconds(60))
        .until(() -> engine.job(id).orElseThrow(), s -> s.state() == state);
  }

  /** Waits until the journal holds {@code n} confirmed parts of the job. */
  private static void awaitPartsRecorded(Journal journal, long id, int n) {
    await("the journal recording part " + n)
        .atMost(Duration.ofSeconds(60))
        .until(() -> journal.parts(id).size() >= n);
  }

  @Test
  void multipartRoundTripStoresTheSameBytes() throws Exception {
    Path f = S3TestSupport.randomFile(files, "sermon.wav", 23 * MIB + 12345, 1);
    try (Rig rig = new Rig()) {
      JobSnapshot s = rig.upload(f);
      assertEquals(JobState.DONE, s.state(), s.message());
      assertEquals(5, rig.transfer.partsSent(), "23 MiB in 5 MiB parts is 5 parts");
      String local = S3TestSupport.sha256(f);
      assertEquals(local, s.sha256(), "the engine reports the file's SHA-256");
      assertEquals(local, S3TestSupport.downloadSha256(store, "sermon.wav"));
      var meta = S3TestSupport.userMetadata(store, "sermon.wav");
      assertEquals("sermon.wav", meta.get("original-filename"));
      assertEquals("test-station", meta.get("station"));
      assertEquals(local, rig.engine.history().get(0).sha256(), "history keeps the hash");
    }
  }

  @Test
  void smallFileGoesAsOnePutAndAnEmptyOneIsRefused() throws Exception {
    Path small = S3TestSupport.randomFile(files, "short.mp3", 300_000, 2);
    Path empty = Files.createFile(files.resolve("empty.mp3"));
    try (Rig rig = new Rig()) {
      rig.engine.start();
      long smallId = rig.engine.add(small, null).job().id();
      long emptyId = rig.engine.add(empty, null).job().id();
      assertTrue(rig.engine.awaitIdle(60, TimeUnit.SECONDS));
      assertEquals(JobState.DONE, rig.engine.job(smallId).orElseThrow().state());
      assertEquals(JobState.FAILED, rig.engine.job(emptyId).orElseThrow().state());
      assertEquals(0, rig.transfer.partsSent(), "no multipart for small files");
      assertEquals(1, rig.transfer.wholeSent(), "the empty file was not sent");
      assertEquals(S3TestSupport.sha256(small), S3TestSupport.downloadSha256(store, "short.mp3"));
      assertFalse(S3TestSupport.keys(store).contains("empty.mp3"));
      assertEquals(
          S3TestSupport.sha256(small),
          S3TestSupport.userMetadata(store, "short.mp3").get("sha256"));
    }
  }

  @Test
  void unicodeAndSpacesInNamesSurvive() throws Exception {
    String name = "Predigt über Römer 8 – Gnade 🙏.mp3";
    Path f = S3TestSupport.randomFile(files, name, 6 * MIB, 3);
    try (Rig rig = new Rig()) {
      JobSnapshot s = rig.upload(f);
      assertEquals(JobState.DONE, s.state(), s.message());
      assertEquals(name, s.key());
      assertEquals(S3TestSupport.sha256(f), S3TestSupport.downloadSha256(store, name));
      assertEquals(
          name,
          org.sermonuploader.engine.s3.S3TransferAccess.decode(
              S3TestSupport.userMetadata(store, name).get("original-filename")));
    }
  }

  @Test
  void sameRecordingAgainIsAlreadyUploadedAndADifferentOneGetsANumber() throws Exception {
    Path f = S3TestSupport.randomFile(files, "sunday.wav", 7 * MIB, 4);
    try (Rig rig = new Rig()) {
      assertEquals(JobState.DONE, rig.upload(f).state());
    }
    try (Rig rig = new Rig()) {
      JobSnapshot again = rig.upload(f);
      assertEquals(JobState.ALREADY_UPLOADED, again.state(), again.message());
      assertEquals(0, rig.transfer.partsSent(), "nothing is sent for a recording that is there");
    }
    // a different recording with the same name (and here the same size) must not overwrite it
    Path other =
        S3TestSupport.randomFile(
            Files.createDirectories(files.resolve("other")), "sunday.wav", 7 * MIB, 5);
    try (Rig rig = new Rig()) {
      JobSnapshot s = rig.upload(other);
      assertEquals(JobState.DONE, s.state(), s.message());
      assertEquals("sunday (2).wav", s.key());
    }
    assertEquals(
        S3TestSupport.sha256(f),
        S3TestSupport.downloadSha256(store, "sunday.wav"),
        "the first is untouched");
    assertEquals(
        S3TestSupport.sha256(other), S3TestSupport.downloadSha256(store, "sunday (2).wav"));
  }

  @Test
  void anotherEngineResumesAStoppedUploadAndResendsAtMostThePartsInFlight() throws Exception {
    Path f = S3TestSupport.randomFile(files, "long service.wav", 40 * MIB, 6); // 8 parts
    long id;
    int firstRun;
    try (Rig rig = new Rig()) {
      rig.transfer.holdAfter(3);
      rig.engine.start();
      id = rig.engine.add(f, null).job().id();
      assertTrue(rig.transfer.awaitPartsSent(3, 60, TimeUnit.SECONDS));
      awaitPartsRecorded(rig.journal, id, 3);
      firstRun = rig.transfer.partsSent();
    } // closed mid-upload, as a crash would leave it (parts 4-5 were held at the door)
    try (Rig rig = new Rig()) {
      rig.engine.start();
      assertTrue(rig.engine.awaitIdle(90, TimeUnit.SECONDS));
      JobSnapshot s = rig.engine.job(id).orElseThrow();
      assertEquals(JobState.DONE, s.state(), s.message());
      int secondRun = rig.transfer.partsSent();
      int sentTwice = firstRun + secondRun - 8;
      assertEquals(3, firstRun);
      assertEquals(0, sentTwice, "parts confirmed before the stop are not sent again");
      assertEquals(3, s.partsSkipped());
      assertEquals(
          S3TestSupport.sha256(f), S3TestSupport.downloadSha256(store, "long service.wav"));
      assertEquals(
          S3TestSupport.sha256(f), s.sha256(), "the whole-file hash covers the skipped parts too");
    }
  }

  @Test
  void aFileChangedBetweenRunsStartsOverAndSaysWhy() throws Exception {
    Path f = S3TestSupport.randomFile(files, "evening.wav", 20 * MIB, 7);
    long id;
    try (Rig rig = new Rig()) {
      rig.transfer.holdAfter(2);
      rig.engine.start();
      id = rig.engine.add(f, null).job().id();
      assertTrue(rig.transfer.awaitPartsSent(2, 60, TimeUnit.SECONDS));
      awaitPartsRecorded(rig.journal, id, 2);
    }
    // the recorder rewrote the file: same size, new content and mtime
    S3TestSupport.randomFile(files, "evening.wav", 20 * MIB, 8);
    Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() + 5000));
    try (Rig rig = new Rig()) {
      List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();
      rig.engine.addListener(
          s -> {
            if (s.message() != null) messages.add(s.message());
          });
      rig.engine.start();
      assertTrue(rig.engine.awaitIdle(90, TimeUnit.SECONDS));
      JobSnapshot s = rig.engine.job(id).orElseThrow();
      assertEquals(JobState.DONE, s.state(), s.message());
      assertEquals(4, rig.transfer.partsSent(), "all four parts of the new file are sent");
      assertTrue(messages.stream().anyMatch(m -> m.contains("changed")), messages.toString());
      assertEquals(S3TestSupport.sha256(f), S3TestSupport.downloadSha256(store, "evening.wav"));
    }
  }

  @Test
  void serverStoppedMidUploadMakesTheJobWaitThenFinish() throws Exception {
    Path f = S3TestSupport.randomFile(files, "restart.wav", 30 * MIB, 9);
    try (Rig rig = new Rig()) {
      rig.transfer.holdAfter(2);
      rig.engine.start();
      long id = rig.engine.add(f, null).job().id();
      assertTrue(rig.transfer.awaitPartsSent(2, 60, TimeUnit.SECONDS));
      store.stop();
      rig.transfer.release();
      JobSnapshot waiting = awaitState(rig.engine, id, JobState.WAITING_FOR_SERVER);
      // between tries it counts down; a poll may also meet it while a try is on its way
      assertTrue(
          waiting
              .message()
              .matches("waiting for the server(, next try in \\d+ s|: trying again now)"),
          waiting.message());
      Thread.sleep(1500);
      store.start(); // same port, same folder
      assertTrue(rig.engine.awaitIdle(90, TimeUnit.SECONDS));
      JobSnapshot s = rig.engine.job(id).orElseThrow();
      assertEquals(JobState.DONE, s.state(), s.message());
      assertEquals(S3TestSupport.sha256(f), S3TestSupport.downloadSha256(store, "restart.wav"));
    }
  }

  @Test
  void wrongCredentialsAndMissingBucketSayWhatIsWrong() throws Exception {
    Path f = S3TestSupport.randomFile(files, "x.mp3", 1000, 10);
    try (Journal journal = Journal.open(data);
        var wrong =
            new org.sermonuploader.engine.s3.S3Transfer(
                S3TestSupport.config(
                    store.endpoint(),
                    S3TestSupport.BUCKET,
                    S3TestSupport.ACCESS,
                    "not-the-secret"));
        UploadEngine engine = new UploadEngine(S3TestSupport.options(), journal, wrong, null)) {
      engine.start();
      long id = engine.add(f, null).job().id();
      JobSnapshot s = awaitState(engine, id, JobState.FAILED);
      assertTrue(s.message().contains("secret key"), s.message());
      assertTrue(s.detail().contains("SignatureDoesNotMatch"), s.detail());
      assertTrue(wrong.check().firstProblem().contains("secret key"));
    }
    try (Journal journal = Journal.open(tmp.resolve("data2"));
        var missing =
            new org.sermonuploader.engine.s3.S3Transfer(
                S3TestSupport.config(
                    store.endpoint(),
                    "no-such-bucket",
                    S3TestSupport.ACCESS,
                    S3TestSupport.SECRET));
        UploadEngine engine = new UploadEngine(S3TestSupport.options(), journal, missing, null)) {
      engine.start();
      long id = engine.add(f, null).job().id();
      JobSnapshot s = awaitState(engine, id, JobState.FAILED);
      assertTrue(s.message().contains("bucket 'no-such-bucket' does not exist"), s.message());
      assertTrue(s.detail().startsWith("NoSuchBucket"), s.detail());
    }
  }

  @Test
  void cancelAbortsOnTheServerAndPauseResumeFinishes() throws Exception {
    Path f = S3TestSupport.randomFile(files, "pause.wav", 25 * MIB, 11);
    try (Rig rig = new Rig()) {
      rig.transfer.holdAfter(1);
      rig.engine.start();
      long id = rig.engine.add(f, null).job().id();
      assertTrue(rig.transfer.awaitPartsSent(1, 60, TimeUnit.SECONDS));
      rig.engine.pause(id);
      rig.transfer.release();
      awaitState(rig.engine, id, JobState.PAUSED);
      int whilePaused = rig.transfer.partsSent();
      // nothing is sent while paused
      await()
          .during(Duration.ofMillis(500))
          .atMost(Duration.ofSeconds(5))
          .until(rig.transfer::partsSent, n -> n == whilePaused);
      rig.engine.resume(id);
      assertTrue(rig.engine.awaitIdle(60, TimeUnit.SECONDS));
      assertEquals(JobState.DONE, rig.engine.job(id).orElseThrow().state());
      assertEquals(S3TestSupport.sha256(f), S3TestSupport.downloadSha256(store, "pause.wav"));
    }
    Path g = S3TestSupport.randomFile(files, "cancel.wav", 25 * MIB, 12);
    try (Rig rig = new Rig()) {
      rig.transfer.holdAfter(1);
      rig.engine.start();
      long id = rig.engine.add(g, null).job().id();
      assertTrue(rig.transfer.awaitPartsSent(1, 60, TimeUnit.SECONDS));
      rig.engine.cancel(id);
      rig.transfer.release();
      awaitState(rig.engine, id, JobState.CANCELLED);
      assertTrue(rig.transfer.find("cancel.wav").isEmpty(), "a cancelled upload leaves no object");
      assertTrue(
          S3TestSupport.unfinishedUploads(store).isEmpty(),
          "and no unfinished upload on the server");
    }
  }

  @Test
  void aFileThatCannotBeUsedGetsARowWithTheReasonAndOthersGoOn() throws Exception {
    Path good = S3TestSupport.randomFile(files, "good.mp3", 1000, 13);
    try (Rig rig = new Rig(S3TestSupport.options().toBuilder().maxUploadSize(500).build())) {
      rig.engine.start();
      long missing = rig.engine.add(files.resolve("gone.mp3"), null).job().id();
      long big = rig.engine.add(good, null).job().id();
      assertTrue(rig.engine.awaitIdle(30, TimeUnit.SECONDS));
      assertEquals(
          "The file is not there any more.", rig.engine.job(missing).orElseThrow().message());
      assertTrue(rig.engine.job(big).orElseThrow().message().contains("larger than the limit"));
    }
    try (Rig rig = new Rig()) {
      JobSnapshot s = rig.upload(good);
      assertEquals(JobState.DONE, s.state());
      JobSnapshot twice = rig.engine.add(files.resolve("./good.mp3"), null).job();
      assertNotNull(twice);
    }
  }

  @Test
  void droppingTheSameFileTwiceQueuesItOnce() throws Exception {
    Path f = S3TestSupport.randomFile(files, "once.wav", 12 * MIB, 14);
    try (Rig rig = new Rig()) {
      rig.transfer.holdAfter(0);
      rig.engine.start();
      var first = rig.engine.add(f, null);
      var second = rig.engine.add(files.resolve("../files/once.wav"), null);
      assertTrue(first.isNew());
      assertEquals(false, second.isNew());
      assertEquals(first.job().id(), second.job().id());
      assertEquals(1, rig.engine.jobs().size());
      rig.transfer.release();
      assertTrue(rig.engine.awaitIdle(60, TimeUnit.SECONDS));
    }
  }

  @Test
  void memoryRunningOutWhileSendingAPartPausesTheJobThenItFinishes() throws Exception {
    Path f = S3TestSupport.randomFile(files, "oom.wav", 16 * MIB, 15);
    try (Rig rig = new Rig()) {
      java.util.concurrent.atomic.AtomicBoolean thrown =
          new java.util.concurrent.atomic.AtomicBoolean();
      rig.transfer.beforePart(
          n -> {
            if (n == 2 && thrown.compareAndSet(false, true))
              throw new OutOfMemoryError("test: heap exhausted");
          });
      List<JobState> states = new java.util.concurrent.CopyOnWriteArrayList<>();
      rig.engine.addListener(x -> states.add(x.state()));
      JobSnapshot s = rig.upload(f);
      assertEquals(JobState.DONE, s.state(), s.message());
      assertTrue(
          states.contains(JobState.PAUSED_LOW_MEMORY), "the row said memory was short: " + states);
      assertTrue(!states.contains(JobState.FAILED), "the job never failed");
      assertEquals(S3TestSupport.sha256(f), S3TestSupport.downloadSha256(store, "oom.wav"));
    }
  }
}
