package org.sermonuploader.ui.queue;

import javafx.beans.value.ChangeListener;
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
import org.jspecify.annotations.Nullable;
import org.sermonuploader.model.JobState;
import org.sermonuploader.ui.Lines;
import org.sermonuploader.ui.Theme;
import org.sermonuploader.ui.kiosk.TouchDialogs;

/**
 * The nodes of one visible queue row. A list cell keeps one and binds it to whichever {@link
 * JobRowModel} it shows, so there are only as many of these as rows fit on the screen, however long
 * the queue.
 */
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

  private JobRowModel model;
  private final Label name = new Label();
  private final Tooltip stateTip = new Tooltip();
  private final Button pause;
  private final Button resume;
  private final Button retry;
  private final Button cancel;
  private final Button remove;
  private final ChangeListener<JobState> stateChange = (o, a, b) -> applyState(a, b);
  private final Region icon = new Region();
  private final VBox text;
  private final HBox titleLine;
  private final HBox barLine;
  private final VBox barColumn = new VBox(2);
  private final ProgressBar bar = new ProgressBar();
  private final Label progress = new Label();
  private final Label state = new Label();
  private final Label details = new Label();
  private final VBox buttons = new VBox(4);
  private final HBox top;
  private final HBox bottom;
  private final Button edit;
  private boolean kiosk;
  private final Label meta = new Label();

  JobRowView(JobRowModel model, Actions actions) {
    this.model = model;
    getStyleClass().add("job-row");
    setAlignment(Pos.CENTER_LEFT);
    setSpacing(10);

    icon.getStyleClass().add("state-icon");
    Theme.fixSize(icon, 18);

    name.getStyleClass().add("job-name");
    name.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
    name.setMinWidth(60);
    meta.getStyleClass().add("job-meta");
    meta.setMinWidth(Region.USE_PREF_SIZE);
    titleLine = new HBox(8, name, meta);
    titleLine.setAlignment(Pos.BASELINE_LEFT);

    // the bar's width comes from the stylesheet, the same on every row whatever its figures say
    bar.getStyleClass().add("job-progress");
    progress.getStyleClass().add("job-progress-text");
    progress.setMinWidth(Region.USE_PREF_SIZE);
    barLine = new HBox(8);
    barLine.setAlignment(Pos.CENTER_LEFT);

    state.getStyleClass().add("job-state");
    state.setWrapText(true);
    state.setTooltip(stateTip);
    // a touch screen has no hover: a tap shows a name cut after two lines whole, with its state
    state.setOnMouseClicked(
        e -> {
          if (kiosk)
            TouchDialogs.inform(
                getScene() == null ? null : getScene().getWindow(),
                true,
                this.model.nameProperty().get(),
                this.model.stateTextProperty().get());
        });
    details.getStyleClass().add("job-details");
    details.managedProperty().bind(details.visibleProperty());

    text = new VBox(3);
    text.setMinWidth(0);
    HBox.setHgrow(text, Priority.ALWAYS);

    pause = button("Pause", "pause-button", () -> actions.pause(this.model), false);
    resume = button("Resume", "resume-button", () -> actions.resume(this.model), false);
    retry = button("Retry", "retry-button", () -> actions.retry(this.model), false);
    cancel = button("Cancel", "cancel-button", () -> actions.cancel(this.model), false);
    remove = button("Remove", "remove-button", () -> actions.remove(this.model), false);
    remove.setTooltip(new Tooltip("Remove from the list (the history keeps it)"));
    edit = button("Details…", "details-button", () -> actions.editDetails(this.model), true);
    edit.setTooltip(new Tooltip("Title, speaker, date and series (optional)"));
    top = new HBox(4, pause, resume, retry, cancel, remove);
    top.setAlignment(Pos.CENTER_RIGHT);
    // buttons keep their words; the name gives way first
    top.setMinWidth(Region.USE_PREF_SIZE);
    bottom = new HBox(4);
    bottom.setAlignment(Pos.CENTER_RIGHT);
    buttons.setMinWidth(Region.USE_PREF_SIZE);
    barColumn.getStyleClass().add("job-progress-column");
    barColumn.setAlignment(Pos.CENTER_LEFT);
    // one width on every row; long figures go on a second line under the bar
    barColumn.setMinWidth(150);
    barColumn.setPrefWidth(150);
    barColumn.setMaxWidth(150);
    arrange();
    bind(model);
  }

  public JobRowModel model() {
    return model;
  }

  /** Shows another row in these nodes (the list cell scrolled or the list changed). */
  void show(JobRowModel row) {
    if (row == model) return;
    model.stateProperty().removeListener(stateChange);
    applyState(model.stateProperty().get(), null);
    model = row;
    bind(row);
  }

  private void bind(JobRowModel row) {
    name.textProperty().bind(row.nameProperty());
    meta.textProperty().bind(row.metaProperty());
    bar.progressProperty().bind(row.progressProperty());
    progress.textProperty().bind(row.progressTextProperty());
    state.textProperty().bind(row.stateTextProperty());
    stateTip.textProperty().bind(row.stateTextProperty());
    details.textProperty().bind(row.detailsTextProperty());
    pause.visibleProperty().bind(row.canPauseProperty());
    resume.visibleProperty().bind(row.canResumeProperty());
    retry.visibleProperty().bind(row.canRetryProperty());
    cancel.visibleProperty().bind(row.canCancelProperty());
    remove.visibleProperty().bind(row.canRemoveProperty());
    row.stateProperty().addListener(stateChange);
    applyState(null, row.stateProperty().get());
  }

  /**
   * Kiosk rows are one finger high: name and state on the left, bar and figures in a column, the
   * buttons on one line. On a 800x480 screen four rows fit the queue that way; a row grows for a
   * long name or message.
   */
  void setKiosk(boolean on) {
    if (kiosk == on) return;
    kiosk = on;
    arrange();
  }

  private void arrange() {
    // recordings are told apart by their names and what to do is read in full: on the narrow
    // kiosk row the name takes two lines and the figures wrap under the bar
    if (kiosk) Lines.atMost(name, 2);
    else Lines.one(name);
    progress.setWrapText(kiosk);
    // a finger-high row is narrow: the name is what tells rows apart, size and length are in
    // Details
    meta.setVisible(!kiosk);
    meta.setManaged(!kiosk);
    progress.setMinWidth(kiosk ? 0 : Region.USE_PREF_SIZE);
    details.visibleProperty().unbind();
    if (kiosk) {
      details.setVisible(false);
      // a name on two lines needs no baseline line beside it (the size and length are hidden)
      text.getChildren().setAll(name, state);
      text.setSpacing(0);
      barColumn.getChildren().setAll(bar, progress);
      top.getChildren().remove(edit);
      top.getChildren().add(edit);
      getChildren().setAll(icon, text, barColumn, top);
    } else {
      details.visibleProperty().bind(details.textProperty().isNotEmpty());
      barLine.getChildren().setAll(bar, progress);
      titleLine.getChildren().setAll(name, meta);
      text.getChildren().setAll(titleLine, barLine, state, details);
      text.setSpacing(3);
      top.getChildren().remove(edit);
      bottom.getChildren().setAll(edit);
      buttons.getChildren().setAll(top, bottom);
      getChildren().setAll(icon, text, buttons);
    }
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

  private void applyState(@Nullable JobState before, @Nullable JobState now) {
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
