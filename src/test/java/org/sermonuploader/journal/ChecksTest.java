package org.sermonuploader.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.model.CheckOutcome;
import org.sermonuploader.model.RecordingCheck;

/** The checks live beside the history in a journal made before they existed, and survive. */
class ChecksTest {
  @TempDir Path dir;

  @Test
  void aJournalFromBeforeGetsTheTablesAndKeepsTheLastCheckOfEachRecording() throws Exception {
    Path file;
    try (Journal j = Journal.open(dir)) {
      file = j.file();
    }
    // a journal as the earlier version left it, with no tables for the checks
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      c.createStatement().execute("DROP TABLE checks");
      c.createStatement().execute("DROP TABLE check_runs");
    }
    assertFalse(hasTable(file, "checks"));
    Instant first = Instant.parse("2026-11-29T14:03:00Z");
    try (Journal j = Journal.open(dir)) {
      Checks c = j.checks();
      c.record(
          new RecordingCheck("a.wav", "bucket sermons on http://s", CheckOutcome.OK, null, first));
      c.record(
          new RecordingCheck(
              "a.wav",
              "bucket sermons on http://s",
              CheckOutcome.DIFFERS,
              "x",
              first.plusSeconds(60)));
      c.record(
          new RecordingCheck(
              "a.wav", "bucket sermons on http://old", CheckOutcome.MOVED, "y", first));
      c.ranAt("scheduled-verify", first);
    }
    try (Journal j = Journal.open(dir)) {
      Checks c = j.checks();
      List<RecordingCheck> all = c.all();
      assertEquals(2, all.size(), "one per recording and place: " + all);
      RecordingCheck there =
          all.stream().filter(x -> x.destination().endsWith("//s")).findFirst().orElseThrow();
      assertEquals(CheckOutcome.DIFFERS, there.outcome(), "the later check replaced the earlier");
      assertEquals(first.plusSeconds(60), there.checkedAt());
      assertEquals(Optional.of(first), c.lastRun("scheduled-verify"));
      assertEquals(Optional.empty(), c.lastRun("other"));
      assertNull(j.recoveryNotice(), "the journal opens as before with the tables in it");
      assertTrue(hasTable(j.file(), "checks"));
    }
  }

  private static boolean hasTable(Path file, String name) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT name FROM sqlite_master WHERE type='table' AND name='" + name + "'")) {
      return rs.next();
    }
  }
}
