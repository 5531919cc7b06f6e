package org.sermonuploader.engine;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.sermonuploader.model.HistoryEntry;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.PartRecord;
import org.sermonuploader.model.SermonDetails;

/**
 * An upload closed half-way and continued by the next start, on a 4 MiB/s line: the row starts at
 * the parts the server confirmed, speed and time left count only what this run sends, and History
 * gives the time of both runs and the average speed the line really gave.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ProgressAfterRestartTest {
  private static final long LIMIT = 4 * MIB;

  @TempDir Path tmp;
  EmbeddedStore store;
  Path data;
  EngineOptions options;

  @BeforeEach
  void start() throws Exception {
    store = S3TestSupport.startStore(tmp.resolve("store"));
    data = tmp.resolve("data");
    options =
        S3TestSupport.options() // 5 MiB parts, 2 in flight
            .toBuilder()
            .bandwidth(
                new Bandwidth(
                    BandwidthSchedule.parse("4M"), Clock.system(java.time.ZoneId.systemDefault())))
            .build();
  }

  @AfterEach
  void stop() {
    store.stop();
  }

  @Test
  void theRowStartsAtTheConfirmedPartsAndHistoryCountsBothRuns() throws Exception {
    Path f =
        S3TestSupport.randomFile(
            Files.createDirectories(tmp.resolve("files")), "r.mp3", 20 * MIB, 3);
    long id;
    long run1Started;
    long run1Ended;
    try (Journal journal = Journal.open(data);
        S3Transfer transfer = S3TestSupport.transfer(store);
        UploadEngine engine =
            new UploadEngine(options, journal, transfer, PressureGate.NEVER_PRESSED)) {
      engine.start();
      run1Started = System.nanoTime();
      id = engine.add(f, SermonDetails.NONE).job().id();
      await().atMost(Duration.ofSeconds(60)).until(() -> journal.parts(id).size() >= 2);
      run1Ended = System.nanoTime();
    } // the window closed in the middle of the upload

    long confirmed = 0;
    try (Journal journal = Journal.open(data)) {
      for (PartRecord p : journal.parts(id).values()) confirmed += p.size();
    }
    assertTrue(confirmed >= 10 * MIB && confirmed < 20 * MIB, "confirmed " + confirmed);

    List<JobSnapshot> seen = new CopyOnWriteArrayList<>();
    HistoryEntry history;
    long run2Started;
    long run2Ended;
    try (Journal journal = Journal.open(data);
        S3Transfer transfer = S3TestSupport.transfer(store);
        UploadEngine engine =
            new UploadEngine(options, journal, transfer, PressureGate.NEVER_PRESSED)) {
      engine.addListener(seen::add);
      run2Started = System.nanoTime();
      engine.start();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> engine.job(id).orElseThrow().state() == JobState.DONE);
      run2Ended = System.nanoTime();
      history = engine.history().stream().filter(h -> h.jobId() == id).findFirst().orElseThrow();
    }

    List<JobSnapshot> rows = seen.stream().filter(s -> s.id() == id).toList();
    assertEquals(confirmed, rows.get(0).bytesDone(), "the row starts at the confirmed parts");
    for (JobSnapshot s : rows) {
      assertTrue(s.bytesDone() >= confirmed, "the row went back to " + s.bytesDone());
      // parts checked again are not sent: they must not show as speed on a 4 MiB/s line
      assertTrue(
          s.bytesPerSecond() <= 1.5 * LIMIT,
          "speed shown " + s.bytesPerSecond() / MIB + " MiB/s at " + s.bytesDone());
    }
    assertEquals(S3TestSupport.sha256(f), S3TestSupport.downloadSha256(store, "r.mp3"));

    // the first run sent 10 MiB over a 4 MiB/s line, so it took 2.5 s at least; the time between
    // the runs does not count
    long run1 = (run1Ended - run1Started) / 1_000_000;
    long run2 = (run2Ended - run2Started) / 1_000_000;
    long took = history.durationMillis();
    assertTrue(
        took >= run2 + 2_000 && took <= run1 + run2,
        "History time " + took + " ms, runs took " + run1 + " and " + run2 + " ms");
    assertTrue(
        history.bytesPerSecond() <= 1.05 * LIMIT,
        "History speed " + history.bytesPerSecond() / MIB + " MiB/s");
  }
}
