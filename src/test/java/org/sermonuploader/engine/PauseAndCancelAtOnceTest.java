package org.sermonuploader.engine;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.engine.S3TestSupport.MIB;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.bandwidth.Bandwidth;
import org.sermonuploader.bandwidth.BandwidthSchedule;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.engine.s3.S3Transfer;
import org.sermonuploader.journal.Journal;
import org.sermonuploader.memory.PressureGate;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.SermonDetails;

/**
 * Pause and Cancel on a slow line (1 MiB/s, two 16 MiB parts in flight, about 30 s each) act within
 * a second or two, the row says so meanwhile, and the server ends up with exactly the recording (or
 * nothing, after a cancel).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PauseAndCancelAtOnceTest {
  /** Time for a pause or cancel to take effect, with room for a busy test machine. */
  private static final Duration PROMPTLY = Duration.ofSeconds(3);

  @TempDir Path tmp;
  EmbeddedStore store;
  Journal journal;
  S3Transfer transfer;
  UploadEngine engine;
  Bandwidth bandwidth;
  final List<JobSnapshot> seen = new CopyOnWriteArrayList<>();
  Path file;
  long id;

  @BeforeEach
  void start() throws Exception {
    store = S3TestSupport.startStore(tmp.resolve("store"));
    journal = Journal.open(tmp.resolve("data"));
    transfer = S3TestSupport.transfer(store);
    bandwidth =
        new Bandwidth(
            BandwidthSchedule.parse("1M"), Clock.system(java.time.ZoneId.systemDefault()));
    EngineOptions options =
        S3TestSupport.options().toBuilder()
            .partSize(16 * MIB)
            .partsInFlight(2)
            .bandwidth(bandwidth)
            .build();
    engine = new UploadEngine(options, journal, transfer, PressureGate.NEVER_PRESSED);
    engine.addListener(seen::add);
    engine.start();
    file =
        S3TestSupport.randomFile(
            Files.createDirectories(tmp.resolve("files")), "s.mp3", 40 * MIB, 7);
    id = engine.add(file, SermonDetails.NONE).job().id();
    // both parts are on their way: a good MiB of each sent, some 15 MiB each still to go
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> state().state() == JobState.UPLOADING && state().bytesDone() >= 2 * MIB);
  }

  @AfterEach
  void stop() {
    engine.close();
    transfer.close();
    journal.close();
    store.stop();
  }

  private JobSnapshot state() {
    return engine.job(id).orElseThrow();
  }

  private boolean shown(JobState state) {
    return seen.stream().anyMatch(s -> s.id() == id && s.state() == state);
  }

  private void liftTheLimit() {
    bandwidth.setSchedule(BandwidthSchedule.OFF);
  }

  @Test
  void pauseStopsThePartsInFlightAndResumeStoresTheRightBytes() throws Exception {
    engine.pause(id);
    await().atMost(PROMPTLY).until(() -> state().state() == JobState.PAUSED);

    assertTrue(shown(JobState.PAUSING), "the row said pausing… meanwhile");
    assertEquals("pausing…", JobState.PAUSING.words());
    // the two parts were cut half-way: the server confirmed neither, and the journal says so
    assertTrue(journal.parts(id).isEmpty(), "parts recorded: " + journal.parts(id).keySet());
    long atPause = state().bytesDone();
    assertTrue(atPause < 32 * MIB, "nothing counted beyond what was sent: " + atPause);

    liftTheLimit();
    engine.resume(id);
    await().atMost(Duration.ofSeconds(90)).until(() -> state().state() == JobState.DONE);
    assertEquals(S3TestSupport.sha256(file), S3TestSupport.downloadSha256(store, "s.mp3"));
  }

  @Test
  void cancelStopsThePartsInFlightAndRemovesTheUpload() throws Exception {
    engine.cancel(id);
    await().atMost(PROMPTLY).until(() -> state().state() == JobState.CANCELLED);

    assertTrue(shown(JobState.CANCELLING), "the row said cancelling… meanwhile");
    assertTrue(transfer.unfinishedUploads("").isEmpty(), "the multipart upload was aborted");
    assertFalse(S3TestSupport.keys(store).contains("s.mp3"), "no object was written");

    liftTheLimit();
    engine.retry(id);
    await().atMost(Duration.ofSeconds(90)).until(() -> state().state() == JobState.DONE);
    assertEquals(S3TestSupport.sha256(file), S3TestSupport.downloadSha256(store, "s.mp3"));
  }
}
