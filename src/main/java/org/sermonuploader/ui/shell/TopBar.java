package org.sermonuploader.ui.shell;

import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.sermonuploader.ui.Lines;
import org.sermonuploader.ui.Theme;
import org.sermonuploader.ui.kiosk.TouchDialogs;
import org.sermonuploader.ui.queue.QueueViewModel;

/**
 * The bar across the top of the window: Add files… and Add a folder…, Pause all and Resume all for
 * the whole queue, the queue's summary (red while an upload failed), Settings and the kiosk's way
 * out.
 */
final class TopBar {
  private final HBox bar;
  private final Button settings = new Button("Settings");
  private boolean kiosk;
  private final Button addFolder = new Button("Add a folder…");

  TopBar(
      QueueViewModel queue,
      Runnable addFiles,
      Runnable addFolder,
      Runnable openSettings,
      Node kioskExit) {
    Button add = new Button("Add files…");
    add.setId("add-files");
    add.getStyleClass().add("accent");
    add.setOnAction(e -> addFiles.run());
    this.addFolder.setId("add-folder");
    this.addFolder.setOnAction(e -> addFolder.run());
    this.addFolder.managedProperty().bind(this.addFolder.visibleProperty());
    Button pauseAll = new Button("Pause all");
    pauseAll.setId("pause-all");
    pauseAll.disableProperty().bind(queue.anyPausableProperty().not());
    pauseAll.setOnAction(e -> queue.pauseAll());
    Button resumeAll = new Button("Resume all");
    resumeAll.setId("resume-all");
    resumeAll.disableProperty().bind(queue.anyResumableProperty().not());
    resumeAll.setOnAction(e -> queue.resumeAll());
    Label summary = new Label();
    summary.setId("summary");
    summary.getStyleClass().add("summary");
    summary.textProperty().bind(queue.summaryProperty());
    summary.setMinWidth(0);
    // two lines whatever it says, so the queue below never jumps while the words change; the
    // whole text is in the tooltip, and a tap shows it on a touch screen
    Lines.fixed(summary, 2);
    Tooltip whole = new Tooltip();
    whole.textProperty().bind(queue.summaryProperty());
    summary.setTooltip(whole);
    summary.setOnMouseClicked(
        e -> {
          if (kiosk)
            TouchDialogs.inform(
                summary.getScene() == null ? null : summary.getScene().getWindow(),
                true,
                "Uploads",
                summary.getText());
        });
    queue
        .anyFailedProperty()
        .addListener(
            (o, was, failed) -> {
              summary.getStyleClass().remove("summary-failed");
              if (failed) summary.getStyleClass().add("summary-failed");
            });
    summary.setMaxWidth(Double.MAX_VALUE);
    HBox.setHgrow(summary, Priority.ALWAYS);
    settings.setId("open-settings");
    settings.setOnAction(e -> openSettings.run());
    settings.managedProperty().bind(settings.visibleProperty());
    for (Button b : List.of(add, this.addFolder, pauseAll, resumeAll, settings))
      b.setMinWidth(Region.USE_PREF_SIZE);
    Region logo = new Region();
    logo.getStyleClass().add("app-logo");
    Theme.fixSize(logo, 24);
    // an HBox, not a ToolBar: a ToolBar hides what does not fit behind a small overflow menu
    bar = new HBox(8, logo, add, this.addFolder, pauseAll, resumeAll, summary, settings, kioskExit);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.getStyleClass().addAll("tool-bar", "main-toolbar");
    bar.setMinWidth(0);
  }

  HBox node() {
    return bar;
  }

  /**
   * In kiosk mode there is no Settings: they would let anyone change the PIN; the touch chooser
   * takes folders itself.
   */
  void setKiosk(boolean on) {
    kiosk = on;
    settings.setVisible(!on);
    addFolder.setVisible(!on);
  }
}
