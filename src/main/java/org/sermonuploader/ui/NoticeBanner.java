package org.sermonuploader.ui;

import javafx.animation.PauseTransition;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;

/**
 * A line of news for the volunteer (local store in use, settings saved) that they can close. In
 * compact mode (kiosk) it keeps to one line and goes away by itself, so it never takes the queue's
 * room for long; lasting problems are the status bar's business.
 */
public final class NoticeBanner extends HBox {
  private final Label text = new Label();
  private final Button close;
  private final PauseTransition linger = new PauseTransition(Duration.seconds(20));
  private Runnable onShow = () -> {};
  private boolean compact;

  public NoticeBanner() {
    getStyleClass().add("notice-banner");
    setId("notice");
    setAlignment(Pos.CENTER_LEFT);
    setSpacing(8);
    text.setWrapText(true);
    text.setMaxWidth(Double.MAX_VALUE);
    text.setMinHeight(Region.USE_PREF_SIZE);
    HBox.setHgrow(text, Priority.ALWAYS);
    close = new Button("OK");
    close.getStyleClass().add("notice-close");
    close.setMinWidth(Region.USE_PREF_SIZE);
    close.setOnAction(e -> hide());
    getChildren().addAll(text, close);
    linger.setOnFinished(e -> hide());
    hide();
  }

  public void show(String message) {
    assert FxThread.checked("The notice line");
    text.setText(message);
    setVisible(true);
    setManaged(true);
    if (compact) linger.playFromStart();
    onShow.run();
  }

  public void hide() {
    linger.stop();
    // a hidden button's focus would pass to the next one, "Livestream now" or a row's "Remove"
    if (close.isFocused() && getScene() != null) getScene().getRoot().requestFocus();
    setVisible(false);
    setManaged(false);
  }

  /** One line that hides itself after a while (kiosk), or wrapped and kept until closed. */
  public void setCompact(boolean on) {
    compact = on;
    text.setWrapText(!on);
    if (!on) linger.stop();
    else if (isVisible()) linger.playFromStart();
  }

  /** Run whenever news is shown, so older news elsewhere can give way to it. */
  public void setOnShow(Runnable onShow) {
    this.onShow = onShow;
  }

  public String text() {
    return isVisible() ? text.getText() : "";
  }
}
