package org.sermonuploader.ui.queue;

import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The line under the queue: the finished rows folded into one "3 done" button that unfolds them (on
 * the desktop once there are more than a few; the latest 100 of them, the history has all), and
 * "Clear finished", which takes uploaded and cancelled rows off the list (the history keeps them;
 * failed rows stay until someone looks at them).
 */
public final class QueueFooter extends HBox {
  private final Button fold = new Button();
  private final Button clear = new Button("Clear finished");
  private final ReadOnlyIntegerProperty done;
  private final BooleanProperty foldOffered;

  QueueFooter(
      ReadOnlyIntegerProperty done,
      BooleanProperty folded,
      BooleanProperty foldOffered,
      Runnable clearFinished) {
    this.done = done;
    this.foldOffered = foldOffered;
    getStyleClass().add("queue-footer");
    setId("queue-footer");
    setAlignment(Pos.CENTER_LEFT);
    setSpacing(8);
    fold.setId("fold-done");
    fold.getStyleClass().add("fold-done");
    fold.setMaxWidth(Double.MAX_VALUE);
    fold.setAlignment(Pos.CENTER_LEFT);
    HBox.setHgrow(fold, Priority.ALWAYS);
    fold.setOnAction(e -> folded.set(!folded.get()));
    fold.textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> (folded.get() ? "▸ " : "▾ ") + done.get() + " done", done, folded));
    clear.setId("clear-finished");
    clear.setTooltip(
        new Tooltip(
            "Takes uploaded and cancelled recordings off the list; the history keeps them"));
    clear.setOnAction(e -> clearFinished.run());
    clear.setMinWidth(Region.USE_PREF_SIZE);
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    getChildren().addAll(fold, gap, clear);
    for (Button b : new Button[] {fold, clear}) b.managedProperty().bind(b.visibleProperty());
    gap.managedProperty().bind(fold.visibleProperty().not());
    done.addListener((o, a, b) -> update());
    foldOffered.addListener((o, a, b) -> update());
    update();
  }

  private void update() {
    boolean any = done.get() > 0;
    fold.setVisible(foldOffered.get() && any);
    clear.setVisible(any);
    setVisible(any);
    setManaged(any);
  }
}
