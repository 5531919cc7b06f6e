package org.sermonuploader.ui.kiosk;

import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Arc;
import javafx.scene.shape.ArcType;
import javafx.stage.Window;
import org.sermonuploader.ui.Background;
import org.sermonuploader.ui.Theme;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way out of kiosk mode: a lock that, held for three seconds, asks for the PIN when one is set
 * (read from the settings each time, so a PIN set a moment ago counts), else for a plain
 * confirmation. Letting the user out turns {@code kiosk} off; whoever shows the kiosk listens to
 * it.
 */
public final class KioskExit {
  private static final Logger log = LoggerFactory.getLogger(KioskExit.class);

  private final Background background;
  private final StoredPin storedPin;
  private final Supplier<Window> owner;
  private final Consumer<String> tell;
  private final BooleanProperty kiosk;
  private final KioskPin.Attempts pinAttempts = new KioskPin.Attempts();
  private final StackPane area;

  /**
   * Reads the stored PIN hash (KIOSK_PIN_HASH) from the settings; null or blank when none is set.
   */
  @FunctionalInterface
  public interface StoredPin {
    String read() throws IOException;
  }

  /**
   * @param owner the window the dialogs belong to (null while there is none)
   * @param tell shows a line of news to the volunteer
   */
  public KioskExit(
      Background background,
      StoredPin storedPin,
      Supplier<Window> owner,
      Consumer<String> tell,
      BooleanProperty kiosk) {
    this.background = background;
    this.storedPin = storedPin;
    this.owner = owner;
    this.tell = tell;
    this.kiosk = kiosk;
    this.area = lockArea();
    area.visibleProperty().bind(kiosk);
  }

  /** The lock, for the end of the toolbar; shown only in kiosk mode. */
  public StackPane node() {
    return area;
  }

  private StackPane lockArea() {
    Region lock = new Region();
    lock.getStyleClass().add("kiosk-lock");
    Theme.fixSize(lock, 22);
    Arc ring = new Arc(0, 0, 19, 19, 90, 0);
    ring.getStyleClass().add("kiosk-exit-ring");
    ring.setType(ArcType.OPEN);
    ring.setManaged(false);
    StackPane lockArea = new StackPane(lock, ring);
    lockArea.setId("kiosk-exit");
    lockArea.getStyleClass().add("kiosk-exit");
    lockArea.setAccessibleText("Hold for three seconds to leave kiosk mode");
    Theme.fixSize(lockArea, 48);
    ring.layoutXProperty().bind(lockArea.widthProperty().divide(2));
    ring.layoutYProperty().bind(lockArea.heightProperty().divide(2));
    lockArea.managedProperty().bind(lockArea.visibleProperty());
    LongPress press =
        new LongPress(
            lockArea,
            KioskMode.HOLD,
            () -> tell.accept("To leave kiosk mode, hold the lock for three seconds."),
            this::askToLeave);
    ring.lengthProperty().bind(press.progressProperty().multiply(-360));
    return lockArea;
  }

  /** After the long press: the PIN when one is set, else a plain confirmation. */
  void askToLeave() {
    background.run(
        () -> {
          String hash;
          try {
            hash = storedPin.read();
          } catch (IOException e) {
            // a PIN may be set: better stay than let anyone out
            log.error("Could not read the settings for the kiosk PIN", e);
            Platform.runLater(
                () ->
                    tell.accept(
                        "The settings could not be read, so kiosk mode stays on: "
                            + e.getMessage()));
            return;
          }
          Platform.runLater(
              () -> {
                if (!kiosk.get()) return;
                if (KioskPin.isSet(hash)) {
                  new PinDialog(owner.get(), true, hash, pinAttempts, background, this::leave)
                      .show();
                } else if (TouchDialogs.confirm(
                    owner.get(),
                    true,
                    "Leave kiosk mode",
                    "Leave kiosk mode? No PIN is set, so anyone can do this. Set one under Settings, Set kiosk PIN.",
                    "Leave kiosk mode",
                    "Stay in kiosk mode")) {
                  leave();
                }
              });
        });
  }

  private void leave() {
    log.info("Kiosk mode left");
    kiosk.set(false);
  }
}
