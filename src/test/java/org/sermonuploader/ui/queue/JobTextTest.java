package org.sermonuploader.ui.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sermonuploader.config.Units;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.SermonDetails;

class JobTextTest {
  static JobSnapshot snap(JobState state, long done, double bps, long eta, String message) {
    return new JobSnapshot(
        1,
        Path.of("/tmp/a.wav"),
        "a.wav",
        100L << 20,
        null,
        state,
        done,
        bps,
        eta,
        message,
        null,
        null,
        SermonDetails.NONE,
        0,
        0);
  }

  @Test
  void statesReadAsAVolunteerWouldSayThem() {
    assertEquals("queued", JobText.state(snap(JobState.QUEUED, 0, 0, -1, null)));
    assertEquals(
        "queued (continues where it stopped)",
        JobText.state(snap(JobState.QUEUED, 0, 0, -1, "continues where it stopped")));
    assertEquals(
        "paused: low memory",
        JobText.state(
            snap(
                JobState.PAUSED_LOW_MEMORY, 0, 0, -1, "paused: low memory; carries on by itself")));
    assertEquals(
        "waiting for the server, next try in 8 s",
        JobText.state(
            snap(
                JobState.WAITING_FOR_SERVER, 0, 0, -1, "waiting for the server, next try in 8 s")));
    assertEquals("done ✓", JobText.state(snap(JobState.DONE, 100L << 20, 0, -1, null)));
    assertEquals(
        "already uploaded",
        JobText.state(
            snap(
                JobState.ALREADY_UPLOADED,
                0,
                0,
                -1,
                "This recording is already on the server as a.wav.")));
    assertEquals(
        "failed: The file is not there any more.",
        JobText.state(snap(JobState.FAILED, 0, 0, -1, "The file is not there any more.")));
    assertEquals(
        "waiting for the file: insert the USB stick again",
        JobText.state(snap(JobState.WAITING_FOR_FILE, 0, 0, -1, "insert the USB stick again")));
  }

  @Test
  void progressShowsPercentSpeedAndTimeLeftOnlyWhileMoving() {
    assertEquals(
        "25% · 2.1 MB/s · 38 s left",
        JobText.progress(snap(JobState.UPLOADING, 25L << 20, 2 << 20, 38, null)));
    assertEquals("25%", JobText.progress(snap(JobState.PAUSED, 25L << 20, 0, -1, null)));
    assertEquals(
        "50% · 1.6 MB/s · 9 min left",
        JobText.progress(snap(JobState.UPLOADING, 50L << 20, 1.5 * (1 << 20), 540, null)));
  }

  @Test
  void aRowBeingStoppedSaysSoWithoutSpeedAndOffersNoSecondStop() {
    JobSnapshot pausing = snap(JobState.PAUSING, 25L << 20, 2 << 20, 38, null);
    JobSnapshot cancelling = snap(JobState.CANCELLING, 25L << 20, 2 << 20, 38, null);
    assertEquals("pausing…", JobText.state(pausing));
    assertEquals("cancelling…", JobText.state(cancelling));
    assertEquals("25%", JobText.progress(pausing));
    JobRowModel row = new JobRowModel(cancelling);
    assertFalse(row.canCancelProperty().get());
    assertFalse(row.canPauseProperty().get());
    row.update(pausing);
    assertFalse(row.canPauseProperty().get());
  }

  @Test
  void durationsAndClocks() {
    assertEquals("1 h 5 min", Units.rough(3900));
    assertEquals("45:10", Units.clock(45 * 60 + 10));
    assertEquals("1:02:03", Units.clock(3723));
    assertEquals("51.2 kB/s", Units.rate(50 * 1024));
    assertEquals("524.3 kB/s", Units.rate(512 * 1024));
  }
}
