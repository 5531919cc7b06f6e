package org.sermonuploader.ui.queue;

import java.time.format.DateTimeFormatter;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import javafx.util.converter.LocalDateStringConverter;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.SermonDetails;
import org.sermonuploader.ui.Theme;
import org.sermonuploader.ui.kiosk.TouchDialogs;

/** Optional title, speaker, date and series for one recording. Nothing here is required. */
final class DetailsDialog {
  private DetailsDialog() {}

  static Optional<SermonDetails> show(@Nullable Window owner, JobSnapshot job, boolean kiosk) {
    Dialog<SermonDetails> dialog = create(job);
    if (owner != null) dialog.initOwner(owner);
    if (kiosk) {
      // no title bar to aim at; big fields and buttons
      dialog.initStyle(javafx.stage.StageStyle.UNDECORATED);
      dialog.getDialogPane().getStyleClass().add(Theme.KIOSK);
      dialog.setHeaderText("Sermon details: " + job.fileName());
    }
    TouchDialogs.fit(dialog, owner);
    return dialog.showAndWait();
  }

  static Dialog<SermonDetails> create(JobSnapshot job) {
    SermonDetails d = job.details() == null ? SermonDetails.NONE : job.details();
    Dialog<SermonDetails> dialog = new Dialog<>();
    dialog.setTitle("Sermon details");
    dialog.setHeaderText(job.fileName());
    TextField title = field(d.title(), "title-field", "e.g. The Good Shepherd");
    TextField speaker = field(d.speaker(), "speaker-field", "e.g. Pastor Anna");
    DatePicker date = new DatePicker(d.date());
    date.setId("date-field");
    // ISO like every other date in the app, whatever the system locale says
    date.setConverter(new LocalDateStringConverter(DateTimeFormatter.ISO_LOCAL_DATE, null));
    date.setPromptText("yyyy-mm-dd");
    TextField series = field(d.series(), "series-field", "e.g. Advent");
    GridPane grid = new GridPane();
    grid.getStyleClass().add("form");
    grid.setHgap(10);
    grid.setVgap(8);
    grid.setPadding(new Insets(12, 16, 4, 16));
    grid.addRow(0, new Label("Title"), title);
    grid.addRow(1, new Label("Speaker"), speaker);
    grid.addRow(2, new Label("Date"), date);
    grid.addRow(3, new Label("Series"), series);
    Label hint =
        new Label(
            job.key() == null
                ? "All optional. The upload does not wait for these."
                : "All optional. The file is already stored as "
                    + job.key()
                    + "; the details are kept with it in the list.");
    hint.setWrapText(true);
    hint.setMaxWidth(360);
    hint.getStyleClass().add("hint");
    grid.add(hint, 0, 4, 2, 1);
    dialog.getDialogPane().setContent(grid);
    ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);
    dialog.getDialogPane().getButtonTypes().addAll(save, ButtonType.CANCEL);
    Theme.style(dialog.getDialogPane());
    dialog.setResultConverter(
        b ->
            b == save
                ? new SermonDetails(
                    blank(title.getText()),
                    blank(speaker.getText()),
                    date.getValue(),
                    blank(series.getText()))
                : null);
    return dialog;
  }

  private static TextField field(@Nullable String value, String id, String prompt) {
    TextField f = new TextField(value == null ? "" : value);
    f.setId(id);
    f.setPromptText(prompt);
    f.setPrefColumnCount(24);
    return f;
  }

  private static @Nullable String blank(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
