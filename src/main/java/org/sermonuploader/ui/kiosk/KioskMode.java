package org.sermonuploader.ui.kiosk;

import javafx.beans.property.BooleanProperty;
import javafx.geometry.Rectangle2D;
import javafx.scene.input.KeyCombination;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Full-screen touch mode for a computer at the back of the church: the window fills the screen
 * without decorations, Escape and the window's close request do nothing, and only a long press on
 * the lock plus the PIN lead out (see {@link KioskExit}), which turns {@code kiosk} off and gives
 * the window back its ordinary size. Switched on with --kiosk or the setting KIOSK=true.
 */
public final class KioskMode {
  private static final Logger log = LoggerFactory.getLogger(KioskMode.class);

  /** How long the lock must be held. */
  static final Duration HOLD = Duration.seconds(3);

  private final Stage stage;
  private final BooleanProperty kiosk;

  /**
   * @param kiosk whether the window's content shows its kiosk layout: this turns it on, and returns
   *     the stage to an ordinary window when it goes off
   */
  public KioskMode(Stage stage, BooleanProperty kiosk) {
    this.stage = stage;
    this.kiosk = kiosk;
    kiosk.addListener(
        (o, was, on) -> {
          if (was && !on) restore();
        });
    stage.setOnCloseRequest(
        e -> {
          if (kiosk.get()) e.consume();
        });
  }

  /** Fills the screen; also without a window manager, where full screen alone may do nothing. */
  public void enter() {
    kiosk.set(true);
    Rectangle2D screen = Screen.getPrimary().getBounds();
    stage.setX(screen.getMinX());
    stage.setY(screen.getMinY());
    stage.setWidth(screen.getWidth());
    stage.setHeight(screen.getHeight());
    stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
    stage.setFullScreenExitHint("");
    stage.setFullScreen(true);
    log.info("Kiosk mode on ({} x {})", (int) screen.getWidth(), (int) screen.getHeight());
  }

  /** Back to an ordinary window until the next start. */
  public void leave() {
    if (kiosk.get()) kiosk.set(false); // the listener restores the stage
    else restore();
  }

  private void restore() {
    stage.setFullScreen(false);
    Rectangle2D screen = Screen.getPrimary().getVisualBounds();
    double w = Math.min(1100, screen.getWidth());
    double h = Math.min(720, screen.getHeight());
    stage.setWidth(w);
    stage.setHeight(h);
    stage.setX(screen.getMinX() + (screen.getWidth() - w) / 2);
    stage.setY(screen.getMinY() + (screen.getHeight() - h) / 2);
  }
}
