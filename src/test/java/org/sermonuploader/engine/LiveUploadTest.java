package org.sermonuploader.engine;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.engine.S3TestSupport.MIB;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.engine.s3.S3Transfer;
import org.sermonuploader.journal.Journal;
import org.sermonuploader.memory.PressureGate;
import org.sermonuploader.model.JobRecord;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.UploadListener;

/**
 * A recording uploaded while it is made, against a real S3 server: parts are on the server before
 * the recorder closes the file, and the object is the finished file byte for byte.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LiveUploadTest {
  private static final long RATE = 8 * MIB;

  @TempDir Path tmp;
  EmbeddedStore store;
  Path folder;
  Journal journal;
  S3Transfer transfer;
  UploadEngine engine;
  final List<JobSnapshot> seen = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    store = S3TestSupport.startStore(tmp.resolve("store"));
    folder = Files.createDirectories(tmp.resolve("recordings"));
  }

  private void startEngine(Duration quiet) throws Exception {
    startEngine(new LiveOptions(true, quiet));
  }

  private void startEngine(LiveOptions live) throws Exception {
    journal = Journal.open(tmp.resolve("data"));
    transfer = S3TestSupport.transfer(store);
    engine =
        new UploadEngine(S3TestSupport.options(), journal, transfer, PressureGate.NEVER_PRESSED);
    engine.setLiveUpload(live);
    engine.addListener(
        new UploadListener() {
          @Override
          public void jobChanged(JobSnapshot s) {
            seen.add(s);
          }

          @Override
          public void jobRemoved(long id) {}
        });
    engine.start();
  }

  @AfterEach
  void stop() {
    if (engine != null) engine.close();
    if (transfer != null) transfer.close();
    if (journal != null) journal.close();
    store.stop();
  }

  /** The parts the server holds for the job's unfinished upload (ListParts). */
  private Map<Integer, String> partsOnServer(long id) throws Exception {
    JobRecord r = journal.jobs().stream().filter(j -> j.id() == id).findFirst().orElseThrow();
    if (r.uploadId() == null || r.key() == null) return Map.of();
    return transfer
        .open(new UploadPlan(r.key(), 6 * MIB, 5 * MIB, Map.of()), r.uploadId())
        .confirmedParts();
  }

  private JobSnapshot awaitDone(long id) {
    return await("the upload finishing")
        .atMost(Duration.ofSeconds(60))
        .until(() -> engine.job(id).orElseThrow(), s -> s.state().finished());
  }

  @Test
  void partsGoUpWhileRecordingAndTheObjectIsTheFinishedFile() throws Exception {
    startEngine(Duration.ofSeconds(30));
    Path wav = folder.resolve("sunday.wav");
    try (Recorder rec = new Recorder(wav, RATE, 24 * MIB, 1)) {
      long id = engine.add(wav, null).job().id();
      rec.start();
      await("parts on the server while the file is still open")
          .atMost(Duration.ofSeconds(30))
          .until(() -> partsOnServer(id).size() >= 2);
      assertTrue(Files.exists(wav));
      rec.finish();
      long closed = System.nanoTime();
      JobSnapshot done = awaitDone(id);
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - closed);
      assertEquals(JobState.DONE, done.state(), done.message());
      String local = S3TestSupport.sha256(wav);
      assertEquals(local, S3TestSupport.downloadSha256(store, "sunday.wav"), "the object");
      assertEquals(local, done.sha256(), "the recorded SHA-256");
      assertEquals(local, engine.history().get(0).sha256());
      assertEquals(24 * MIB + Recorder.HEADER, done.size());
      assertTrue(seconds < 30, "done " + seconds + " s after the recording ended");
      assertTrue(
          done.partsSkipped() >= 2,
          "parts sent while recording are not sent again: " + done.partsSkipped() + " kept");
      assertTrue(
          seen.stream()
              .anyMatch(
                  s ->
                      s.state() == JobState.RECORDING
                          && s.message() != null
                          && s.message().endsWith("sent so far")),
          "the row said recording… N MB sent so far");
    }
  }

  @Test
  void aPartChangedAfterItWasSentIsSentAgain() throws Exception {
    startEngine(Duration.ofSeconds(30));
    Path wav = folder.resolve("fixed.wav");
    try (Recorder rec = new Recorder(wav, RATE, 22 * MIB, 2)) {
      long id = engine.add(wav, null).job().id();
      rec.start();
      // part 2 covers 5 MiB to 10 MiB: once the server has it, bytes in its middle change
      await().atMost(Duration.ofSeconds(30)).until(() -> journal.parts(id).containsKey(2));
      assertTrue(partsOnServer(id).containsKey(2), "part 2 on the server");
      rec.overwrite(7 * MIB, 4096);
      rec.finish();
      JobSnapshot done = awaitDone(id);
      assertEquals(JobState.DONE, done.state(), done.message());
      // the server held part 2 with the old bytes: only sending it again makes the object the file
      assertEquals(S3TestSupport.sha256(wav), S3TestSupport.downloadSha256(store, "fixed.wav"));
      assertEquals(S3TestSupport.sha256(wav), done.sha256());
    }
  }

  @Test
  void aRecorderThatStopsWritingIsFinishedAfterTheQuietTime() throws Exception {
    startEngine(Duration.ofSeconds(3));
    Path wav = folder.resolve("crashed.wav");
    try (Recorder rec = new Recorder(wav, RATE, 40 * MIB, 3)) {
      long id = engine.add(wav, null).job().id();
      rec.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> partsOnServer(id).size() >= 1);
      rec.hang(); // the file stays open, the header keeps its zero sizes
      rec.awaitAudio();
      JobSnapshot done = awaitDone(id);
      assertEquals(JobState.DONE, done.state(), done.message());
      assertEquals(rec.written(), done.size());
      assertEquals(S3TestSupport.sha256(wav), S3TestSupport.downloadSha256(store, "crashed.wav"));
    }
  }

  @Test
  void aShortRecordingIsUploadedOnceItEndsAndAnEmptyOneIsRefused() throws Exception {
    // the empty file is closed before any writer is seen: it ends after the quiet time
    startEngine(Duration.ofSeconds(4));
    Path shortOne = folder.resolve("short.wav");
    Path empty = folder.resolve("empty.wav");
    Files.createFile(empty);
    long emptyId;
    long shortId;
    try (Recorder rec = new Recorder(shortOne, MIB, 3 * MIB, 4)) {
      shortId = engine.add(shortOne, null).job().id();
      emptyId = engine.add(empty, null).job().id();
      rec.start();
      rec.finish();
    }
    JobSnapshot s = awaitDone(shortId);
    assertEquals(JobState.DONE, s.state(), s.message());
    assertEquals(S3TestSupport.sha256(shortOne), S3TestSupport.downloadSha256(store, "short.wav"));
    assertEquals(S3TestSupport.sha256(shortOne), s.sha256());
    // a recorder that wrote nothing must not look like a safe upload
    JobSnapshot e = awaitDone(emptyId);
    assertEquals(JobState.FAILED, e.state(), e.message());
    assertEquals("Empty recording: 0 B, nothing was recorded.", e.message());
    assertFalse(S3TestSupport.keys(store).contains("empty.wav"), "nothing stored for it");
  }

  /**
   * A recording longer than S3's part limit allows with live parts (10,000; here 4, so that a few
   * MiB reach it) cannot be completed from the parts sent while recording: once it ends, that
   * upload is given up and the file goes up the ordinary way, with a part size that fits.
   */
  @Test
  void aRecordingPastThePartLimitIsUploadedTheOrdinaryWayOnceItEnds() throws Exception {
    startEngine(new LiveOptions(true, Duration.ofSeconds(30), 4));
    Path wav = folder.resolve("long.wav");
    try (Recorder rec = new Recorder(wav, RATE, 30 * MIB, 5)) {
      long id = engine.add(wav, null).job().id();
      rec.start();
      await("parts on the server while the file is still open")
          .atMost(Duration.ofSeconds(30))
          .until(() -> partsOnServer(id).size() >= 2);
      rec.finish();
      JobSnapshot done = awaitDone(id);
      assertEquals(JobState.DONE, done.state(), done.message());
      String local = S3TestSupport.sha256(wav);
      assertEquals(local, S3TestSupport.downloadSha256(store, "long.wav"), "the object");
      assertEquals(local, done.sha256(), "the recorded SHA-256");
      assertEquals(0, done.partsSkipped(), "the live parts were given up, not kept");
      assertEquals(
          List.of(), S3TestSupport.unfinishedUploads(store), "the live upload was not left behind");
    }
  }
}
