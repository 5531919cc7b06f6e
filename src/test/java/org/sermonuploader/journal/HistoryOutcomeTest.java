package org.sermonuploader.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.model.HistoryEntry;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.UploadOutcome;

/** History lines keep their outcome across versions: the words earlier ones stored read back. */
class HistoryOutcomeTest {
  @TempDir Path dir;

  @Test
  void linesAnEarlierVersionStoredWithWordsReadBackAsTheirOutcome() throws Exception {
    Path file;
    try (Journal j = Journal.open(dir)) {
      file = j.file();
    }
    Instant at = Instant.parse("2026-11-29T14:03:00Z");
    // as earlier versions wrote them: the words the History tab showed
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      oldLine(c, 1, "a.wav", at, "done");
      oldLine(c, 2, "b.wav", at.plusSeconds(60), "done, under a new name");
      oldLine(c, 3, "c.wav", at.plusSeconds(120), "already uploaded");
    }
    try (Journal j = Journal.open(dir)) {
      List<HistoryEntry> history = j.history();
      assertEquals(
          List.of("c.wav", "b.wav", "a.wav"),
          history.stream().map(HistoryEntry::fileName).toList());
      assertEquals(
          List.of(
              UploadOutcome.ALREADY_UPLOADED,
              UploadOutcome.DONE_UNDER_NEW_NAME,
              UploadOutcome.DONE),
          history.stream().map(HistoryEntry::outcome).toList());
      assertEquals(
          List.of("already uploaded", "done, under a new name", "done"),
          history.stream().map(h -> h.outcome().words()).toList());
    }
  }

  @Test
  void aLineWrittenNowReadsBackWithTheSameOutcome() throws Exception {
    Instant at = Instant.parse("2026-11-29T14:03:00Z");
    try (Journal j = Journal.open(dir)) {
      for (UploadOutcome o : UploadOutcome.values()) {
        at = at.plusSeconds(60);
        long id = j.createJob(JournalTest.job("/rec/" + o.name() + ".wav"));
        j.finish(
            id,
            o == UploadOutcome.ALREADY_UPLOADED ? JobState.ALREADY_UPLOADED : JobState.DONE,
            null,
            new HistoryEntry(
                id, o.name() + ".wav", o.name() + ".wav", 100, null, at, 1000, 100, o, "test"));
      }
    }
    try (Journal j = Journal.open(dir)) {
      for (HistoryEntry h : j.history()) {
        assertEquals(h.fileName(), h.outcome().name() + ".wav");
      }
      assertEquals(UploadOutcome.values().length, j.history().size());
    }
  }

  @Test
  void anOutcomeANewerVersionStoredReadsAsDone() {
    assertEquals(UploadOutcome.DONE, HistoryRows.outcome("DONE_SOMEHOW_NEWER"));
    assertEquals(UploadOutcome.DONE, HistoryRows.outcome(null));
  }

  private static void oldLine(Connection c, long jobId, String name, Instant at, String outcome)
      throws Exception {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO history (job_id, file_name, key, size, sha256, finished_at, duration_ms,"
                + " bytes_per_sec, outcome, destination) VALUES (?,?,?,100,NULL,?,1000,100,?,"
                + "'bucket sermons on http://s')")) {
      p.setLong(1, jobId);
      p.setString(2, name);
      p.setString(3, name);
      p.setLong(4, at.toEpochMilli());
      p.setString(5, outcome);
      p.executeUpdate();
    }
  }
}
