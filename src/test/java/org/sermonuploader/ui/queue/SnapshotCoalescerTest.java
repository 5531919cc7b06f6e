package org.sermonuploader.ui.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sermonuploader.model.JobState;
import org.sermonuploader.ui.Background;

class SnapshotCoalescerTest {
  @Test
  void keepsOnlyTheLatestSnapshotPerJobBetweenDrains() throws Exception {
    SnapshotCoalescer c = new SnapshotCoalescer();
    Thread engine =
        new Thread(
            () -> {
              for (int i = 0; i <= 1000; i++)
                c.jobChanged(JobTextTest.snap(JobState.UPLOADING, i, 0, -1, null));
            });
    engine.start();
    engine.join();
    SnapshotCoalescer.Batch b = c.drain();
    assertEquals(1, b.changed().size(), "a thousand events became one row update");
    assertEquals(1000, b.changed().get(0).bytesDone());
    assertTrue(c.drain().isEmpty());
  }

  @Test
  void seedsFillOnlyRowsThatHaveNoEventAndRemovalsArePassedOn() {
    QueueViewModel queue = new QueueViewModel(() -> null, Background.direct(), Runnable::run);
    SnapshotCoalescer c = new SnapshotCoalescer();
    c.jobChanged(JobTextTest.snap(JobState.UPLOADING, 10, 0, -1, null));
    queue.apply(c.drain());
    c.seed(List.of(JobTextTest.snap(JobState.QUEUED, 0, 0, -1, null)));
    queue.apply(c.drain());
    assertEquals("uploading", queue.row(1).stateTextProperty().get(), "the older seed did not win");
    c.jobRemoved(1);
    queue.apply(c.drain());
    assertTrue(queue.rows().isEmpty());
  }
}
