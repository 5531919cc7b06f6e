package org.sermonuploader.ui.kiosk;

import javafx.animation.Interpolator;
import javafx.animation.KeyFrame;
import javafx.animation.KeyValue;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.scene.Node;
import javafx.scene.input.MouseEvent;
import javafx.util.Duration;

/**
 * A press that has to be held: {@code onHeld} runs once the finger (or mouse button) stayed down
 * for the whole time, {@code onShort} when it let go early. Touch screens send their presses as
 * mouse events too. Moving off the node cancels without a word.
 */
final class LongPress {
  private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
  private final Timeline timeline;
  private boolean held;

  LongPress(Node target, Duration hold, Runnable onShort, Runnable onHeld) {
    timeline =
        new Timeline(
            new KeyFrame(Duration.ZERO, new KeyValue(progress, 0)),
            new KeyFrame(hold, new KeyValue(progress, 1, Interpolator.LINEAR)));
    timeline.setOnFinished(
        e -> {
          held = true;
          progress.set(0);
          onHeld.run();
        });
    target.addEventHandler(
        MouseEvent.MOUSE_PRESSED,
        e -> {
          held = false;
          timeline.playFromStart();
        });
    target.addEventHandler(
        MouseEvent.MOUSE_RELEASED,
        e -> {
          boolean wasRunning = timeline.getStatus() == Timeline.Status.RUNNING;
          timeline.stop();
          progress.set(0);
          if (wasRunning && !held && target.contains(e.getX(), e.getY())) onShort.run();
        });
    target.addEventHandler(
        MouseEvent.MOUSE_DRAGGED,
        e -> {
          if (!target.contains(e.getX(), e.getY())
              && timeline.getStatus() == Timeline.Status.RUNNING) {
            timeline.stop();
            progress.set(0);
          }
        });
  }

  /** 0 to 1 while held; back to 0 when let go or done. */
  ReadOnlyDoubleProperty progressProperty() {
    return progress.getReadOnlyProperty();
  }
}
