package org.sermonuploader.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.engine.JobState;
import org.sermonuploader.engine.SermonDetails;

class JournalTest {
  @TempDir Path tmp;

  private static JobRecord job(String path) {
    return new JobRecord(0, Path.of(path), 100, 5, null, null, 0, JobState.QUEUED, null, null,
        SermonDetails.NONE, Instant.now());
  }

  /**
   * A crash in the middle of a write leaves a torn tail in the write-ahead log. The copy taken here
   * while the journal is open is what a power cut leaves on disk; its last frame is cut short.
   */
  @Test
  void aJournalWithATruncatedWriteStillLoadsWithEveryCommittedPart() throws Exception {
    Path live = tmp.resolve("live");
    Path crashed = Files.createDirectories(tmp.resolve("crashed"));
    try (Journal j = Journal.open(live)) {
      long id = j.createJob(job("/rec/a.wav"));
      j.setUpload(id, "a.wav", "upload-1", 5 << 20, 100, 5);
      for (int n = 1; n <= 20; n++) j.recordPart(id, new PartRecord(n, 5 << 20, "sha" + n, "etag" + n));
      Files.copy(live.resolve("journal.db"), crashed.resolve("journal.db"));
      Path wal = live.resolve("journal.db-wal");
      assertTrue(Files.size(wal) > 0, "the test needs the parts to sit in the write-ahead log");
      Files.copy(wal, crashed.resolve("journal.db-wal"));
    }
    Path wal = crashed.resolve("journal.db-wal");
    long size = Files.size(wal);
    try (FileChannel ch = FileChannel.open(wal, StandardOpenOption.WRITE)) {
      ch.truncate(size - 1500); // tear the last frame: the last part's commit never finished
    }
    try (Journal j = Journal.open(crashed)) {
      assertNull(j.recoveryNotice(), "a torn write-ahead log is normal recovery, not damage");
      var jobs = j.unfinished();
      assertEquals(1, jobs.size());
      assertEquals("upload-1", jobs.get(0).uploadId());
      int parts = j.parts(jobs.get(0).id()).size();
      assertTrue(parts >= 18 && parts < 20, "committed parts survive, the torn one does not: " + parts);
    }
  }

  @Test
  void aFileThatIsNotAJournalIsMovedAsideAndTheUserIsTold() throws Exception {
    Files.createDirectories(tmp);
    Files.writeString(tmp.resolve("journal.db"), "this is not a database, it was overwritten by accident".repeat(50));
    try (Journal j = Journal.open(tmp)) {
      assertNotNull(j.recoveryNotice());
      assertTrue(j.recoveryNotice().contains("damaged"), j.recoveryNotice());
      assertTrue(j.jobs().isEmpty());
      j.createJob(job("/rec/b.wav")); // and it works again
    }
    try (var files = Files.list(tmp)) {
      assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("journal.db.damaged-")));
    }
  }

  @Test
  void aJournalFromANewerVersionIsKeptAsideAndItsUnfinishedJobsAreRecovered() throws Exception {
    try (Journal j = Journal.open(tmp)) {
      j.createJob(job("/rec/c.wav"));
    }
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("journal.db"));
        var s = c.createStatement()) {
      s.execute("PRAGMA user_version=99");
    }
    try (Journal j = Journal.open(tmp)) {
      assertTrue(j.recoveryNotice().contains("1 unfinished upload"), j.recoveryNotice());
      assertEquals(Path.of("/rec/c.wav"), j.unfinished().get(0).path());
    }
  }

  @Test
  void finishingWritesHistoryAndDropsParts() throws Exception {
    try (Journal j = Journal.open(tmp)) {
      long id = j.createJob(job("/rec/d.wav"));
      j.recordPart(id, new PartRecord(1, 10, "x", "e"));
      j.finish(id, JobState.DONE, null, new HistoryEntry(id, "d.wav", "d.wav", 100, "abc", Instant.now(), 1000, 100, "done", "test"));
      assertTrue(j.parts(id).isEmpty());
      assertEquals("abc", j.history().get(0).sha256());
      assertEquals("abc", j.recordedSha256("d.wav", 100).orElseThrow());
      assertTrue(j.unfinished().isEmpty());
    }
  }
}
