package org.sermonuploader.ui.queue;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.sermonuploader.engine.JobState;
import org.sermonuploader.ui.Theme;

/** The nodes of one queue row, bound to its {@link JobRowModel} for as long as the row lives. */
public final class JobRowView extends HBox {
  /** What the row's buttons do; the queue view decides (e.g. asks before cancelling). */
  interface Actions {
    void pause(JobRowModel row);

    void resume(JobRowModel row);

    void cancel(JobRowModel row);

    void retry(JobRowModel row);

    void remove(JobRowModel row);

    void editDetails(JobRowModel row);
  }

  private final JobRowModel model;
  private final Region icon = new Region();

  JobRowView(JobRowModel model, Actions actions) {
    this.model = model;
    getStyleClass().add("job-row");
    setAlignment(Pos.CENTER_LEFT);
    setSpacing(10);

    icon.getStyleClass().add("state-icon");
    Theme.fixSize(icon, 18);

    Label name = new Label();
    name.getStyleClass().add("job-name");
    name.textProperty().bind(model.nameProperty());
    name.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
    name.setMinWidth(60);
    Label meta = new Label();
    meta.getStyleClass().add("job-meta");
    meta.textProperty().bind(model.metaProperty());
    meta.setMinWidth(Region.USE_PREF_SIZE);
    HBox titleLine = new HBox(8, name, meta);
    titleLine.setAlignment(Pos.BASELINE_LEFT);

    ProgressBar bar = new ProgressBar();
    bar.getStyleClass().add("job-progress");
    bar.progressProperty().bind(model.progressProperty());
    bar.setMaxWidth(Double.MAX_VALUE);
    bar.setMinWidth(80);
    HBox.setHgrow(bar, Priority.ALWAYS);
    Label progress = new Label();
    progress.getStyleClass().add("job-progress-text");
    progress.textProperty().bind(model.progressTextProperty());
    progress.setMinWidth(Region.USE_PREF_SIZE);
    HBox barLine = new HBox(8, bar, progress);
    barLine.setAlignment(Pos.CENTER_LEFT);

    Label state = new Label();
    state.getStyleClass().add("job-state");
    state.textProperty().bind(model.stateTextProperty());
    state.setWrapText(true);
    Tooltip stateTip = new Tooltip();
    stateTip.textProperty().bind(model.stateTextProperty());
    state.setTooltip(stateTip);
    Label details = new Label();
    details.getStyleClass().add("job-details");
    details.textProperty().bind(model.detailsTextProperty());
    details.visibleProperty().bind(details.textProperty().isNotEmpty());
    details.managedProperty().bind(details.visibleProperty());

    VBox text = new VBox(3, titleLine, barLine, state, details);
    text.setMinWidth(0);
    HBox.setHgrow(text, Priority.ALWAYS);

    Button pause =
        button("Pause", "pause-button", () -> actions.pause(model), model.canPauseProperty().get());
    pause.visibleProperty().bind(model.canPauseProperty());
    Button resume = button("Resume", "resume-button", () -> actions.resume(model), false);
    resume.visibleProperty().bind(model.canResumeProperty());
    Button retry = button("Retry", "retry-button", () -> actions.retry(model), false);
    retry.visibleProperty().bind(model.canRetryProperty());
    Button cancel = button("Cancel", "cancel-button", () -> actions.cancel(model), false);
    cancel.visibleProperty().bind(model.canCancelProperty());
    Button remove = button("Remove", "remove-button", () -> actions.remove(model), false);
    remove.visibleProperty().bind(model.canRemoveProperty());
    remove.setTooltip(new Tooltip("Remove from the list (the history keeps it)"));
    Button edit = button("Details…", "details-button", () -> actions.editDetails(model), true);
    edit.setTooltip(new Tooltip("Title, speaker, date and series (optional)"));
    VBox buttons = new VBox(4);
    HBox top = new HBox(4, pause, resume, retry, cancel, remove);
    top.setAlignment(Pos.CENTER_RIGHT);
    HBox bottom = new HBox(4, edit);
    bottom.setAlignment(Pos.CENTER_RIGHT);
    buttons.getChildren().addAll(top, bottom);
    buttons.setMinWidth(Region.USE_PREF_SIZE);

    getChildren().addAll(icon, text, buttons);
    model.stateProperty().addListener((o, a, b) -> applyState(a, b));
    applyState(null, model.stateProperty().get());
  }

  public JobRowModel model() {
    return model;
  }

  private static Button button(String text, String styleClass, Runnable action, boolean visible) {
    Button b = new Button(text);
    b.getStyleClass().addAll("row-button", styleClass);
    b.setOnAction(e -> action.run());
    b.setVisible(visible);
    b.managedProperty().bind(b.visibleProperty());
    b.setMinWidth(Region.USE_PREF_SIZE);
    b.setFocusTraversable(true);
    return b;
  }

  private void applyState(JobState before, JobState now) {
    if (before != null) {
      icon.getStyleClass().remove("state-" + JobText.styleName(before));
      getStyleClass().remove("row-" + JobText.styleName(before));
    }
    if (now != null) {
      icon.getStyleClass().add("state-" + JobText.styleName(now));
      getStyleClass().add("row-" + JobText.styleName(now));
    }
  }
}
