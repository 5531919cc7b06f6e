package org.sermonuploader.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.journal.Journal;
import org.sermonuploader.model.JobRecord;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.SermonDetails;

/**
 * sqlite-jdbc unpacks its native library into the temporary folder. Where that fails (no such
 * folder, full, mounted noexec), every journal looked damaged and was moved aside, and the
 * unfinished uploads in it were forgotten. Now the journal is left alone and the reason is given.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JournalLibraryTest {
  @TempDir Path tmp;

  @Test
  void aDatabaseLibraryThatCannotLoadLeavesTheJournalAloneAndSaysWhy() throws Exception {
    Path home = tmp.resolve("home");
    try (Journal j = Journal.open(home)) {
      j.createJob(
          new JobRecord(
              0,
              Path.of("/rec/sunday.wav"),
              100,
              5,
              "sunday.wav",
              "upload-1",
              5 << 20,
              JobState.UPLOADING,
              null,
              null,
              SermonDetails.NONE,
              Instant.now()));
    }
    Path log = tmp.resolve("child.log");
    Process p =
        ChildProcess.start(
            List.of("-Xmx128m", "-Djava.io.tmpdir=" + tmp.resolve("no-such-folder")),
            Map.of("SERMON_UPLOADER_HOME", home.toString(), "STATUS_PORT", "0"),
            log,
            "status");
    assertTrue(p.waitFor(45, TimeUnit.SECONDS), "the status command did not end");
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(1, p.exitValue(), out);
    assertTrue(
        out.contains("database library could not be loaded") && out.contains("no-such-folder"),
        out);
    try (Stream<Path> files = Files.list(home)) {
      assertFalse(
          files.anyMatch(f -> f.getFileName().toString().contains("damaged")),
          "nothing moved aside");
    }
    try (Journal j = Journal.open(home)) {
      assertEquals(1, j.unfinished().size(), "the unfinished upload is still there");
      assertEquals("upload-1", j.unfinished().get(0).uploadId());
    }
  }
}
