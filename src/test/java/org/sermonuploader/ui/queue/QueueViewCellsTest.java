package org.sermonuploader.ui.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.ui.TestBackends.onFx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.ui.Background;
import org.sermonuploader.ui.Theme;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** What the queue's list costs in nodes: a screenful of lines, whatever is in it. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class QueueViewCellsTest {
  private QueueViewModel model;
  private QueueView view;

  @Start
  void start(Stage stage) {
    model = new QueueViewModel(() -> null, Background.direct(), Runnable::run);
    view = new QueueView(model);
    Theme.style(view);
    stage.setScene(new Scene(view, 1000, 640));
    stage.show();
  }

  private static JobSnapshot job(long id, JobState state) {
    return new JobSnapshot(
        id,
        Path.of("/r/sermon-" + id + ".mp3"),
        "sermon-" + id + ".mp3",
        200_000,
        null,
        state,
        0,
        0,
        -1,
        null,
        null,
        null,
        null,
        0,
        0);
  }

  private int cells() throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    return onFx(() -> view.lookupAll(".list-cell").size());
  }

  @Test
  void twoThousandRowsArriveInOneChangeAndCostAScreenfulOfCells(FxRobot robot) throws Exception {
    List<JobSnapshot> all = new ArrayList<>();
    for (long id = 1; id <= 2_000; id++) all.add(job(id, JobState.QUEUED));
    List<Integer> changes = new ArrayList<>();
    robot.interact(
        () -> {
          model
              .rows()
              .addListener(
                  (javafx.collections.ListChangeListener<JobRowModel>) c -> changes.add(1));
          model.apply(new SnapshotCoalescer.Batch(List.of(), all, List.of()));
        });
    assertEquals(1, changes.size(), "one change of the list for the whole batch");
    assertEquals(2_000, onFx(() -> view.shownRows().size()));
    assertEquals(
        "2000 files left · time left not known yet", onFx(() -> model.summaryProperty().get()));
    int cells = cells();
    assertTrue(cells <= 30, cells + " list cells for 2,000 rows in 640 pixels");
  }
}
