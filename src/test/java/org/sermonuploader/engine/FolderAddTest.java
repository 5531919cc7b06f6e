package org.sermonuploader.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

/**
 * A folder's recordings are recorded in the journal a batch at a time: one wait for the disk per
 * batch, not per file, and every file still reaches the server and gets its row.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class FolderAddTest {
  @TempDir Path tmp;
  EmbeddedStore store;

  @BeforeEach
  void start() throws Exception {
    store = S3TestSupport.startStore(tmp.resolve("store"));
  }

  @AfterEach
  void stop() {
    store.stop();
  }

  @Test
  void aFolderOf71IsRecordedInTwoTransactionsAndEveryFileIsUploaded() throws Exception {
    Path files = Files.createDirectories(tmp.resolve("archive"));
    List<Path> given = new ArrayList<>();
    for (int i = 0; i < 70; i++)
      given.add(S3TestSupport.randomFile(files, "sermon-" + i + ".mp3", 1000 + i, i));
    // not a file: it still gets a row that says why, in the same batch as the others
    Path folder = Files.createDirectories(files.resolve("not-a-recording.mp3"));
    given.add(65, folder);
    ArchiveQueueTest.Tally tally = new ArchiveQueueTest.Tally();
    List<Path> refused = new ArrayList<>();
    try (Journal journal = Journal.open(tmp.resolve("data"));
        var transfer = S3TestSupport.transfer(store);
        UploadEngine engine =
            new UploadEngine(
                S3TestSupport.options(),
                ArchiveQueueTest.counting(journal, tally),
                transfer,
                PressureGate.NEVER_PRESSED)) {
      engine.start(false);
      tally.reset();
      List<UploadEngine.Added> added =
          engine.addAll(given, SermonDetails.NONE, (p, e) -> refused.add(p));
      assertEquals(71, added.size());
      assertTrue(refused.isEmpty(), "the journal refused " + refused);
      // 71 files: 64 + 7, each batch one transaction
      assertEquals(2, tally.calls.getOrDefault("createJobs", 0));
      assertEquals(0, tally.calls.getOrDefault("createJob", 0));
      assertTrue(engine.awaitIdle(240, TimeUnit.SECONDS), "uploads finished");

      List<JobSnapshot> jobs = engine.jobs();
      assertEquals(71, jobs.size());
      JobSnapshot notFile =
          jobs.stream().filter(j -> j.fileName().equals("not-a-recording.mp3")).findFirst().get();
      assertEquals(JobState.FAILED, notFile.state());
      assertEquals("This is not a file.", notFile.message());
      for (int i = 0; i < 70; i++) {
        String key = "sermon-" + i + ".mp3";
        assertEquals(
            S3TestSupport.sha256(given.get(i < 65 ? i : i + 1)),
            S3TestSupport.downloadSha256(store, key),
            key);
      }
      assertEquals(70, jobs.stream().filter(j -> j.state() == JobState.DONE).count());

      // adding the same folder again while nothing is unfinished queues new jobs only for what the
      // list does not hold unfinished: the failed row stays, nothing is uploaded twice
      tally.reset();
      List<UploadEngine.Added> again =
          engine.addAll(List.of(given.get(0)), SermonDetails.NONE, (p, e) -> refused.add(p));
      assertEquals(1, again.size());
      assertTrue(engine.awaitIdle(60, TimeUnit.SECONDS));
      assertEquals(
          JobState.ALREADY_UPLOADED, engine.job(again.get(0).job().id()).orElseThrow().state());
    }
  }
}
