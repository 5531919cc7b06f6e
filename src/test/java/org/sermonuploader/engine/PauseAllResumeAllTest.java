package org.sermonuploader.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.engine.s3.S3Transfer;
import org.sermonuploader.journal.Journal;
import org.sermonuploader.memory.PressureGate;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;

/**
 * Pause all and Resume all clicked in quick succession, again and again, while small recordings are
 * taken from the queue: once the clicks stop, every recording reaches the server. A run ending on a
 * pause that was already taken back, or a resume while a runner still held the job, once left
 * recordings paused for good with nothing paused by the volunteer.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PauseAllResumeAllTest {
  private static final int FILES = 120;

  @TempDir Path tmp;
  EmbeddedStore store;
  Journal journal;
  S3Transfer transfer;
  UploadEngine engine;

  @AfterEach
  void stop() {
    if (engine != null) engine.close();
    if (transfer != null) transfer.close();
    if (journal != null) journal.close();
    if (store != null) store.close();
  }

  @Test
  void everyRecordingArrivesAfterPauseAllAndResumeAllInQuickSuccession() throws Exception {
    store = S3TestSupport.startStore(tmp.resolve("store"));
    journal = Journal.open(tmp.resolve("data"));
    transfer = S3TestSupport.transfer(store);
    engine =
        new UploadEngine(S3TestSupport.options(), journal, transfer, PressureGate.NEVER_PRESSED);
    engine.start();
    Path dir = Files.createDirectories(tmp.resolve("archive"));
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < FILES; i++) {
      files.add(S3TestSupport.randomFile(dir, String.format("s-%03d.mp3", i), 3_000 + i, i));
    }
    engine.addAll(files, null, (f, e) -> {});

    // the clicks land while runners take jobs, claim them and end their runs
    for (int round = 0; round < 40; round++) {
      engine.pauseAll();
      if (round % 3 == 0) Thread.onSpinWait();
      engine.resumeAll();
    }

    assertTrue(engine.awaitIdle(120, TimeUnit.SECONDS), "the queue never came to rest");
    Map<String, Integer> byState = new TreeMap<>();
    for (JobSnapshot s : engine.jobs()) byState.merge(s.state().name(), 1, Integer::sum);
    assertEquals(Map.of(JobState.DONE.name(), FILES), byState, "rows by state");
    long stored =
        S3TestSupport.keys(store).stream().filter(k -> !k.startsWith(".sermon-uploader/")).count();
    assertEquals(FILES, stored, "objects: " + S3TestSupport.keys(store));
    Path last = files.get(FILES - 1);
    String key =
        S3TestSupport.keys(store).stream()
            .filter(k -> k.endsWith(last.getFileName().toString()))
            .findFirst()
            .orElseThrow();
    assertEquals(S3TestSupport.sha256(last), S3TestSupport.downloadSha256(store, key));
  }
}
