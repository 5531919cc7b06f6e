package org.sermonuploader.ui.kiosk;

import java.time.Duration;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.sermonuploader.ui.Background;

/**
 * Asks for the kiosk PIN on an on-screen keypad (a touch screen may have no keyboard; a keyboard
 * works too). The PIN is checked against the stored hash in the background: the hash is slow on
 * purpose. Too many wrong PINs lock the keypad for a while.
 */
final class PinDialog {
  private final String storedHash;
  private final KioskPin.Attempts attempts;
  private final Background background;
  private final Runnable onRight;
  private final Stage stage;
  private final PasswordField pin = new PasswordField();
  private final Label message = new Label();
  private final GridPane keypad = new GridPane();
  private final Button ok = new Button("OK");
  private boolean checking;

  PinDialog(
      Window owner,
      boolean kiosk,
      String storedHash,
      KioskPin.Attempts attempts,
      Background background,
      Runnable onRight) {
    this.storedHash = storedHash;
    this.attempts = attempts;
    this.background = background;
    this.onRight = onRight;

    Label title = new Label("Leave kiosk mode");
    title.getStyleClass().add("pin-title");
    Label prompt = new Label("Enter the PIN to leave kiosk mode.");
    prompt.setWrapText(true);
    pin.setId("kiosk-pin");
    pin.getStyleClass().add("pin-field");
    pin.setPromptText("PIN");
    pin.setOnAction(e -> check());
    pin.textProperty()
        .addListener(
            (o, a, b) -> {
              if (!b.chars().allMatch(Character::isDigit) || b.length() > KioskPin.MAX_DIGITS) {
                pin.setText(a);
              } else if (!b.isEmpty() && !checking && attempts.lockedFor().isZero()) {
                message.setText(""); // "not right" belongs to the PIN before, not this one
              }
            });
    message.setId("pin-message");
    message.getStyleClass().add("pin-message");
    message.setWrapText(true);
    message.setMinHeight(Region.USE_PREF_SIZE);
    Button cancel = new Button("Stay in kiosk mode");
    cancel.setId("pin-cancel");
    cancel.getStyleClass().add("pin-cancel");
    cancel.setCancelButton(true);
    cancel.setMaxWidth(Double.MAX_VALUE);
    cancel.setOnAction(e -> close());
    Region gap = new Region();
    VBox.setVgrow(gap, Priority.ALWAYS);
    VBox left = new VBox(12, title, prompt, pin, message, gap, cancel);
    left.setMinWidth(220);
    left.setPrefWidth(300);
    HBox.setHgrow(left, Priority.ALWAYS);

    keypad.getStyleClass().add("pin-keypad");
    keypad.setHgap(8);
    keypad.setVgap(8);
    for (int d = 1; d <= 9; d++) keypad.add(digit(d), (d - 1) % 3, (d - 1) / 3);
    Button delete = new Button("⌫");
    delete.setId("pin-delete");
    delete.setAccessibleText("Delete the last digit");
    delete.setOnAction(
        e -> {
          String t = pin.getText();
          if (!t.isEmpty()) pin.setText(t.substring(0, t.length() - 1));
        });
    ok.setId("pin-ok");
    ok.getStyleClass().add("accent");
    ok.setOnAction(e -> check());
    keypad.add(delete, 0, 3);
    keypad.add(digit(0), 1, 3);
    keypad.add(ok, 2, 3);
    for (javafx.scene.Node n : keypad.getChildren()) ((Button) n).getStyleClass().add("pin-key");

    HBox root = new HBox(20, left, keypad);
    root.setAlignment(Pos.TOP_LEFT);
    root.getStyleClass().add("pin-dialog");
    stage = TouchDialogs.stage(owner, kiosk, root, "Leave kiosk mode", 640, 400);
    stage
        .getScene()
        .setOnKeyTyped(
            e -> {
              if (!pin.isFocused()
                  && e.getCharacter().length() == 1
                  && Character.isDigit(e.getCharacter().charAt(0))) {
                pin.appendText(e.getCharacter());
              }
            });
    stage
        .getScene()
        .setOnKeyPressed(
            e -> {
              if (e.getCode() == KeyCode.ESCAPE) close();
            });
    showLock();
  }

  private Button digit(int d) {
    Button b = new Button(Integer.toString(d));
    b.setId("pin-" + d);
    b.setOnAction(
        e -> {
          if (pin.getText().length() < KioskPin.MAX_DIGITS) pin.appendText(Integer.toString(d));
        });
    return b;
  }

  private boolean showLock() {
    Duration left = attempts.lockedFor();
    if (left.isZero()) return false;
    message.setText(
        "Too many wrong PINs. Try again in "
            + Math.max(1, (left.toMillis() + 999) / 1000)
            + " seconds.");
    return true;
  }

  private void check() {
    if (checking || showLock()) return;
    String typed = pin.getText();
    if (typed.isEmpty()) {
      message.setText("Type the PIN first.");
      return;
    }
    checking = true;
    keypad.setDisable(true);
    message.setText("Checking…");
    background.run(
        () -> {
          boolean right = KioskPin.matches(typed, storedHash);
          Platform.runLater(
              () -> {
                checking = false;
                keypad.setDisable(false);
                pin.clear();
                if (right) {
                  attempts.succeeded();
                  close();
                  onRight.run();
                  return;
                }
                attempts.failed();
                if (!showLock()) {
                  int left = KioskPin.Attempts.FREE_TRIES - attempts.wrongInARow();
                  message.setText(
                      "That PIN is not right."
                          + (left <= 2
                              ? " "
                                  + left
                                  + (left == 1 ? " more try" : " more tries")
                                  + " before a one-minute pause."
                              : ""));
                }
              });
        });
  }

  void show() {
    stage.show();
    stage.toFront();
    pin.requestFocus();
  }

  void close() {
    stage.close();
  }

  boolean isShowing() {
    return stage.isShowing();
  }

  Stage stage() {
    return stage;
  }
}
