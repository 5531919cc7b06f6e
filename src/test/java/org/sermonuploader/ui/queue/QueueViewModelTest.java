package org.sermonuploader.ui.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.app.UploadQueue;
import org.sermonuploader.bandwidth.Bandwidth;
import org.sermonuploader.bandwidth.BandwidthSchedule;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.SermonDetails;
import org.sermonuploader.ui.Background;
import org.sermonuploader.ui.FakeTransfer;
import org.sermonuploader.ui.TestBackends;
import org.sermonuploader.ui.UploadBackend;

/** The queue's view-model runs without the FX thread. */
class QueueViewModelTest {
  private static JobSnapshot job(long id, JobState state, long size, long done, double bps) {
    return new JobSnapshot(
        id,
        Path.of("/r/" + id + ".wav"),
        id + ".wav",
        size,
        null,
        state,
        done,
        bps,
        -1,
        null,
        null,
        null,
        SermonDetails.NONE,
        0,
        0);
  }

  private static SnapshotCoalescer.Batch changed(JobSnapshot... s) {
    return new SnapshotCoalescer.Batch(List.of(), List.of(s), List.of());
  }

  @Test
  void aLongArchiveKeepsOnlyTheLatestFinishedRowsAndCountsTheRest() {
    QueueViewModel q = new QueueViewModel(() -> null, Background.direct(), Runnable::run);
    for (int i = 1; i <= 2_000; i++) q.apply(changed(job(i, JobState.QUEUED, 1_000, 0, 0)));
    assertEquals("2000 files left · time left not known yet", q.summaryProperty().get());
    for (int i = 1; i <= 2_000; i++) q.apply(changed(job(i, JobState.DONE, 1_000, 1_000, 0)));
    assertEquals(QueueViewModel.KEEP_DONE, q.rows().size(), "rows kept");
    assertEquals(2_000, q.doneCountProperty().get());
    assertEquals(2_000, q.uploadedCount());
    assertEquals("All files finished.", q.summaryProperty().get());
    assertEquals(2_000 - QueueViewModel.KEEP_DONE + 1, q.rows().get(0).id(), "the latest stay");
    // one sent again (Retry from the history) is a row again and no longer counted as done
    q.apply(changed(job(5, JobState.QUEUED, 1_000, 0, 0)));
    assertEquals(1_999, q.doneCountProperty().get());
    assertEquals("1 file left · time left not known yet", q.summaryProperty().get());
  }

  @Test
  void summaryCountsFilesLeftAndTotalTimeLeft() {
    QueueViewModel q = new QueueViewModel(() -> null, Background.direct(), Runnable::run);
    assertEquals("Nothing to upload yet.", q.summaryProperty().get());
    q.apply(
        changed(
            job(1, JobState.UPLOADING, 100L << 20, 40L << 20, 2 << 20),
            job(2, JobState.QUEUED, 60L << 20, 0, 0),
            job(3, JobState.DONE, 10, 10, 0)));
    // 120 MiB left at 2 MiB/s
    assertEquals("2 files left · about 1 min left", q.summaryProperty().get());
    assertTrue(q.anyPausableProperty().get());
    assertFalse(q.anyResumableProperty().get());
    q.apply(changed(job(1, JobState.PAUSED, 100L << 20, 40L << 20, 0)));
    assertEquals("2 files left · time left not known yet", q.summaryProperty().get());
    assertTrue(q.anyResumableProperty().get());
  }

  @Test
  void theSummaryShowsTheCapWhileTheLimitHoldsUploadsBack(@TempDir Path dir) throws Exception {
    Bandwidth bandwidth = Bandwidth.unlimited();
    try (UploadBackend backend = TestBackends.fake(dir, new FakeTransfer(), bandwidth).open()) {
      UploadQueue queue = backend.queue();
      QueueViewModel q = new QueueViewModel(() -> queue, Background.direct(), Runnable::run);
      bandwidth.setSchedule(BandwidthSchedule.parse("512K"));
      q.apply(changed(job(1, JobState.UPLOADING, 100L << 20, 40L << 20, 512 << 10)));
      assertEquals(
          "1 file left · about 2 min left · limited to 524 kB/s (512K)", q.summaryProperty().get());
      bandwidth.fullSpeedNow();
      q.apply(changed(job(1, JobState.UPLOADING, 100L << 20, 50L << 20, 5 << 20)));
      assertEquals("1 file left · about 10 s left", q.summaryProperty().get());
    }
  }

  @Test
  void rowButtonsFollowTheStateAndFinishingIsToldOnce() {
    List<JobSnapshot> finished = new ArrayList<>();
    QueueViewModel q = new QueueViewModel(() -> null, Background.direct(), Runnable::run);
    q.setOnFinished(finished::add);
    q.apply(changed(job(1, JobState.UPLOADING, 10, 5, 1)));
    JobRowModel r = q.row(1);
    assertTrue(r.canPauseProperty().get() && r.canCancelProperty().get());
    assertFalse(
        r.canRetryProperty().get() || r.canRemoveProperty().get() || r.canResumeProperty().get());
    q.apply(changed(job(1, JobState.FAILED, 10, 5, 0)));
    assertTrue(r.canRetryProperty().get() && r.canRemoveProperty().get());
    assertFalse(r.canPauseProperty().get() || r.canCancelProperty().get());
    q.apply(changed(job(1, JobState.FAILED, 10, 5, 0)));
    assertEquals(1, finished.size());
  }
}
