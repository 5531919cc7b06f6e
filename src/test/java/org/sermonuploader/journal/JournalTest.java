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
import org.sermonuploader.model.HistoryEntry;
import org.sermonuploader.model.JobRecord;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.PartRecord;
import org.sermonuploader.model.SermonDetails;
import org.sermonuploader.model.UploadOutcome;

class JournalTest {
  @TempDir Path tmp;

  static JobRecord job(String path) {
    return new JobRecord(
        0,
        Path.of(path),
        100,
        5,
        null,
        null,
        0,
        JobState.QUEUED,
        null,
        null,
        SermonDetails.NONE,
        Instant.now());
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
      for (int n = 1; n <= 20; n++)
        j.recordPart(id, new PartRecord(n, 5 << 20, "sha" + n, "etag" + n));
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
      assertTrue(
          parts >= 18 && parts < 20, "committed parts survive, the torn one does not: " + parts);
    }
  }

  @Test
  void aFileThatIsNotAJournalIsMovedAsideAndTheUserIsTold() throws Exception {
    Files.createDirectories(tmp);
    Files.writeString(
        tmp.resolve("journal.db"),
        "this is not a database, it was overwritten by accident".repeat(50));
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

  /**
   * Version 1 kept each part's SHA-256; version 2 keeps its CRC32C. An unfinished upload from
   * version 1 keeps its job and upload id, and its parts count as unknown (sent again), not as a
   * changed file (which would throw the whole upload away).
   */
  @Test
  void aVersionOneJournalKeepsItsUploadAndForgetsOnlyThePartHashes() throws Exception {
    Files.createDirectories(tmp);
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("journal.db"));
        var s = c.createStatement()) {
      s.execute(
          "CREATE TABLE jobs (id INTEGER PRIMARY KEY AUTOINCREMENT, path TEXT NOT NULL,"
              + " size INTEGER NOT NULL, mtime INTEGER NOT NULL, key TEXT, upload_id TEXT, part_size INTEGER,"
              + " state TEXT NOT NULL, message TEXT, sha256 TEXT, title TEXT, speaker TEXT, sermon_date TEXT,"
              + " series TEXT, created_at INTEGER NOT NULL)");
      s.execute(
          "CREATE TABLE parts (job_id INTEGER NOT NULL, number INTEGER NOT NULL,"
              + " size INTEGER NOT NULL, sha256 TEXT, etag TEXT, PRIMARY KEY (job_id, number))");
      s.execute(
          "CREATE TABLE history (job_id INTEGER, file_name TEXT, key TEXT, size INTEGER,"
              + " sha256 TEXT, finished_at INTEGER, duration_ms INTEGER, bytes_per_sec REAL, outcome TEXT,"
              + " destination TEXT)");
      s.execute(
          "INSERT INTO jobs (path, size, mtime, key, upload_id, part_size, state, created_at)"
              + " VALUES ('/rec/e.wav', 100, 5, 'e.wav', 'upload-7', 50, 'UPLOADING', 0)");
      s.execute(
          "INSERT INTO parts VALUES (1, 1, 50, 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=', 'etag1')");
      s.execute("PRAGMA user_version=1");
    }
    try (Journal j = Journal.open(tmp)) {
      assertNull(j.recoveryNotice());
      JobRecord r = j.unfinished().get(0);
      assertEquals("upload-7", r.uploadId());
      PartRecord part = j.parts(r.id()).get(1);
      assertEquals("etag1", part.etag());
      assertNull(part.crc32c(), "a SHA-256 from version 1 can't be compared with a CRC32C");
      j.recordPart(r.id(), new PartRecord(2, 50, "AAAAAA==", "etag2"));
      assertEquals("AAAAAA==", j.parts(r.id()).get(2).crc32c());
    }
  }

  @Test
  void finishingWritesHistoryAndDropsParts() throws Exception {
    try (Journal j = Journal.open(tmp)) {
      long id = j.createJob(job("/rec/d.wav"));
      j.recordPart(id, new PartRecord(1, 10, "x", "e"));
      j.finish(
          id,
          JobState.DONE,
          null,
          new HistoryEntry(
              id,
              "d.wav",
              "d.wav",
              100,
              "abc",
              Instant.now(),
              1000,
              100,
              UploadOutcome.DONE,
              "test"));
      assertTrue(j.parts(id).isEmpty());
      assertEquals("abc", j.history().get(0).sha256());
      assertEquals("abc", j.recordedSha256("d.wav", 100).orElseThrow());
      assertTrue(j.unfinished().isEmpty());
    }
  }
}
