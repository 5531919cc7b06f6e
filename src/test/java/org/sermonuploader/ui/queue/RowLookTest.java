package org.sermonuploader.ui.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.ui.TestBackends.onFx;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.SermonDetails;
import org.sermonuploader.ui.Theme;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** How a row and the Details dialog look once styled. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RowLookTest {
  private final JobRowView.Actions nothing =
      new JobRowView.Actions() {
        @Override
        public void pause(JobRowModel row) {}

        @Override
        public void resume(JobRowModel row) {}

        @Override
        public void cancel(JobRowModel row) {}

        @Override
        public void retry(JobRowModel row) {}

        @Override
        public void remove(JobRowModel row) {}

        @Override
        public void editDetails(JobRowModel row) {}
      };

  @Start
  void start(Stage stage) {}

  private static JobSnapshot job(long id, JobState state, SermonDetails details) {
    return new JobSnapshot(
        id,
        Path.of("/r/" + id + ".wav"),
        id + ".wav",
        1000,
        null,
        state,
        0,
        0,
        -1,
        null,
        null,
        null,
        details,
        0,
        0);
  }

  @Test
  void aCancelledRowIsNotColouredLikeAFailure() throws Exception {
    onFx(
        () -> {
          JobRowView failed =
              new JobRowView(new JobRowModel(job(1, JobState.FAILED, null)), nothing);
          JobRowView cancelled =
              new JobRowView(new JobRowModel(job(2, JobState.CANCELLED, null)), nothing);
          VBox box = new VBox(failed, cancelled);
          Theme.style(box);
          new Scene(box, 800, 300);
          box.applyCss();
          Region failedIcon = (Region) failed.lookup(".state-icon");
          Region cancelledIcon = (Region) cancelled.lookup(".state-icon");
          assertNotEquals(
              failedIcon.getBackground().getFills().get(0).getFill(),
              cancelledIcon.getBackground().getFills().get(0).getFill());
          assertNotEquals(
              ((Label) failed.lookup(".job-state")).getTextFill(),
              ((Label) cancelled.lookup(".job-state")).getTextFill());
          return null;
        });
  }

  @Test
  void theDetailsDialogShowsIsoDatesAndKeepsItsLabelsOffTheEdge() throws Exception {
    onFx(
        () -> {
          var dialog =
              DetailsDialog.create(
                  job(
                      3,
                      JobState.QUEUED,
                      new SermonDetails(null, null, LocalDate.of(2025, 11, 23), null)));
          GridPane grid = (GridPane) dialog.getDialogPane().getContent();
          DatePicker date = (DatePicker) grid.lookup("#date-field");
          assertEquals("2025-11-23", date.getConverter().toString(date.getValue()));
          assertTrue(grid.getPadding().getLeft() >= 12, "the labels keep a margin");
          return null;
        });
  }
}
