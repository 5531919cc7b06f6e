package org.sermonuploader.ui.bandwidth;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.sermonuploader.ui.FxThread;

/**
 * Beside the drop zone: the upload limit in force, and one tap to hold uploads back for a
 * livestream, to send at full speed, or to return to the timetable. Plain buttons, so kiosk mode
 * makes them touch-sized like every other button.
 */
public final class BandwidthBar extends VBox {
  private static final int CLOCK_CHECK_SECONDS = 60;

  private final BandwidthBarModel model;
  private final Timeline tick;
  private int secondsToClockCheck;
  private final Label state = new Label();

  public BandwidthBar(BandwidthBarModel model) {
    this.model = model;
    setId("bandwidth-bar");
    getStyleClass().add("bandwidth-bar");
    state.setId("bandwidth-state");
    state.getStyleClass().add("bandwidth-state");
    state.textProperty().bind(model.textProperty());
    // as wide as the buttons below, wrapping rather than losing "until 15:42"
    state.setMinWidth(0);
    state.setPrefWidth(0);
    state.setWrapText(true);
    state.setMinHeight(Region.USE_PREF_SIZE);
    state.setMaxWidth(Double.MAX_VALUE);

    Button livestream = button("livestream-now", "Livestream now", model::livestreamNow);
    Tooltip hint = new Tooltip();
    hint.textProperty().bind(model.livestreamHintProperty());
    livestream.setTooltip(hint);
    show(livestream, model.canLivestreamProperty());
    Button fullSpeed = button("full-speed-now", "Full speed now", model::fullSpeedNow);
    fullSpeed.setTooltip(
        new Tooltip("Send at full speed for 2 hours, or until the timetable's next change."));
    show(fullSpeed, model.canFullSpeedProperty());
    Button back = button("back-to-timetable", "Back to the timetable", model::backToTimetable);
    back.textProperty().bind(model.backTextProperty());
    show(back, model.overriddenProperty());

    HBox buttons = new HBox(8, livestream, fullSpeed, back);
    buttons.setAlignment(Pos.CENTER_RIGHT);
    Label warning = new Label();
    warning.setId("clock-warning");
    warning.getStyleClass().add("clock-warning");
    warning.setWrapText(true);
    warning.setMinWidth(0);
    warning.setPrefWidth(0);
    warning.setMaxWidth(Double.MAX_VALUE);
    warning.textProperty().bind(model.clockWarningProperty());
    warning.visibleProperty().bind(warning.textProperty().isNotEmpty());
    warning.managedProperty().bind(warning.visibleProperty());
    getChildren().addAll(state, buttons, warning);
    setSpacing(2);
    visibleProperty().bind(model.textProperty().isNotEmpty());
    managedProperty().bind(visibleProperty());

    // timetable entries and overrides end on their own: look again every second
    tick =
        new Timeline(
            new KeyFrame(
                Duration.seconds(1),
                e -> {
                  model.refresh();
                  if (--secondsToClockCheck <= 0) checkClock();
                }));
    tick.setCycleCount(Animation.INDEFINITE);
  }

  private static Button button(String id, String text, Runnable action) {
    Button b = new Button(text);
    b.setId(id);
    b.setMinWidth(Region.USE_PREF_SIZE);
    b.setOnAction(e -> action.run());
    return b;
  }

  private static void show(Button b, javafx.beans.value.ObservableBooleanValue when) {
    b.visibleProperty().bind(when);
    b.managedProperty().bind(b.visibleProperty());
  }

  /**
   * Compact (kiosk at 800x480): the buttons only, as high as the one-line drop zone beside them;
   * the limit in force stands in the summary above the queue.
   */
  public void setCompact(boolean on) {
    state.setVisible(!on);
    state.setManaged(!on);
  }

  /** Reads the limit and the clock now (an engine started or its settings changed). */
  public void update() {
    model.refresh();
    checkClock();
  }

  private void checkClock() {
    secondsToClockCheck = CLOCK_CHECK_SECONDS;
    model.checkClock();
  }

  public void start() {
    assert FxThread.checked("The upload limit's clock");
    update();
    tick.play();
  }

  /** Any thread: the clock stops on the FX thread. */
  public void stop() {
    FxThread.run(tick::stop);
  }

  public BandwidthBarModel model() {
    return model;
  }
}
