package org.sermonuploader.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.engine.JournalException;
import org.sermonuploader.model.JobRecord;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.PartRecord;
import org.sermonuploader.model.SermonDetails;

/**
 * A journal on a disk that fills up: the write fails with a plain reason, the old journal stays
 * whole.
 */
class JournalDiskFullTest {
  @TempDir Path tmp;
  Path mount;

  @AfterEach
  void unmount() throws Exception {
    if (mount != null) new ProcessBuilder("umount", mount.toString()).start().waitFor();
  }

  @Test
  void aFullDiskIsReportedAndDoesNotCorruptTheJournal() throws Exception {
    mount = Files.createDirectories(tmp.resolve("small-disk"));
    int rc =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mount.toString())
            .redirectErrorStream(true)
            .start()
            .waitFor();
    if (rc != 0) mount = null;
    Assumptions.assumeTrue(rc == 0, "needs root to mount a small tmpfs as a full disk");

    long job;
    int recorded = 0;
    try (Journal j = Journal.open(mount)) {
      job =
          j.createJob(
              new JobRecord(
                  0,
                  Path.of("/rec/x.wav"),
                  1L << 33,
                  1,
                  null,
                  null,
                  0,
                  JobState.QUEUED,
                  null,
                  null,
                  SermonDetails.NONE,
                  Instant.now()));
      j.setUpload(job, "x.wav", "upload-9", 5 << 20, 1L << 33, 1);
      // most of the disk goes to something else, as on a full SD card
      Files.write(mount.resolve("filler"), new byte[1800 * 1024]);
      String pad = "p".repeat(2000);
      JournalException full = null;
      for (int n = 1; n <= 10_000 && full == null; n++) {
        try {
          j.recordPart(job, new PartRecord(n, 5 << 20, pad, "etag" + n));
          recorded = n;
        } catch (JournalException e) {
          full = e;
        }
      }
      assertTrue(full != null, "the disk never filled");
      assertTrue(full.getMessage().startsWith("The disk is full"), full.getMessage());
    }
    Files.delete(mount.resolve("filler"));
    try (Journal j = Journal.open(mount)) {
      assertEquals(null, j.recoveryNotice(), "the journal is intact, not damaged");
      assertEquals("upload-9", j.unfinished().get(0).uploadId());
      assertEquals(
          recorded, j.parts(job).size(), "every part recorded before the disk filled is there");
    }
  }
}
