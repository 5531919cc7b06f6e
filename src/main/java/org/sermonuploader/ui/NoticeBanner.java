package org.sermonuploader.ui;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** A line of news for the volunteer (local store in use, settings saved) that they can close. */
public final class NoticeBanner extends HBox {
  private final Label text = new Label();

  public NoticeBanner() {
    getStyleClass().add("notice-banner");
    setId("notice");
    setAlignment(Pos.CENTER_LEFT);
    setSpacing(8);
    text.setWrapText(true);
    text.setMaxWidth(Double.MAX_VALUE);
    text.setMinHeight(Region.USE_PREF_SIZE);
    HBox.setHgrow(text, Priority.ALWAYS);
    Button close = new Button("OK");
    close.getStyleClass().add("notice-close");
    close.setMinWidth(Region.USE_PREF_SIZE);
    close.setOnAction(e -> hide());
    getChildren().addAll(text, close);
    hide();
  }

  public void show(String message) {
    text.setText(message);
    setVisible(true);
    setManaged(true);
  }

  public void hide() {
    setVisible(false);
    setManaged(false);
  }

  public String text() {
    return isVisible() ? text.getText() : "";
  }
}
