package org.sermonuploader.ui.kiosk;

import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.input.KeyCode;
import javafx.stage.Modality;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import javafx.stage.Window;
import org.sermonuploader.ui.Theme;

/**
 * Dialog windows that work for a finger: in kiosk mode without a title bar (its close box is too
 * small to hit), with the kiosk style's big buttons, and always sized to fit inside the window they
 * belong to, down to 800x480.
 */
public final class TouchDialogs {
  private TouchDialogs() {}

  /**
   * A modal window over {@code owner}, centred on it, at most {@code w} x {@code h}; Escape closes
   * it.
   */
  public static Stage stage(
      Window owner, boolean kiosk, Parent root, String title, double w, double h) {
    if (kiosk && !root.getStyleClass().contains(Theme.KIOSK)) root.getStyleClass().add(Theme.KIOSK);
    Theme.style(root);
    Stage stage = new Stage(kiosk ? StageStyle.UNDECORATED : StageStyle.DECORATED);
    if (owner != null) {
      stage.initOwner(owner);
      stage.initModality(Modality.WINDOW_MODAL);
    }
    stage.setTitle(title);
    Rectangle2D area =
        owner != null && owner.getWidth() > 0
            ? new Rectangle2D(owner.getX(), owner.getY(), owner.getWidth(), owner.getHeight())
            : Screen.getPrimary().getVisualBounds();
    double width = Math.min(w, area.getWidth() - 24);
    double height = Math.min(h, area.getHeight() - 24);
    Scene scene = new Scene(root, width, height);
    scene.setOnKeyPressed(
        e -> {
          if (e.getCode() == KeyCode.ESCAPE) stage.close();
        });
    stage.setScene(scene);
    stage.setX(area.getMinX() + (area.getWidth() - width) / 2);
    stage.setY(area.getMinY() + (area.getHeight() - height) / 2);
    return stage;
  }

  /** Tells something that needs no answer, e.g. what the memory gauge means. */
  public static void inform(Window owner, boolean kiosk, String title, String text) {
    Alert a = new Alert(Alert.AlertType.INFORMATION, text, ButtonType.OK);
    a.setTitle(title);
    a.setHeaderText(kiosk ? title : null);
    if (owner != null) a.initOwner(owner);
    if (kiosk) {
      a.initStyle(StageStyle.UNDECORATED);
      a.getDialogPane().getStyleClass().add(Theme.KIOSK);
    }
    Theme.style(a.getDialogPane());
    a.show();
  }

  /**
   * Asks before something that cannot be undone; true when the user chose {@code yes}. Enter picks
   * {@code no}: a stray key press must not do what cannot be undone.
   */
  public static boolean confirm(
      Window owner, boolean kiosk, String title, String question, String yes, String no) {
    ButtonType doIt = new ButtonType(yes, ButtonBar.ButtonData.OK_DONE);
    ButtonType keep = new ButtonType(no, ButtonBar.ButtonData.CANCEL_CLOSE);
    Alert a = new Alert(Alert.AlertType.CONFIRMATION, question, doIt, keep);
    a.setTitle(title);
    a.setHeaderText(null);
    if (owner != null) a.initOwner(owner);
    if (kiosk) {
      a.initStyle(StageStyle.UNDECORATED);
      a.getDialogPane().getStyleClass().add(Theme.KIOSK);
      a.setHeaderText(title); // no title bar: the question says what it is about
    }
    Theme.style(a.getDialogPane());
    ((Button) a.getDialogPane().lookupButton(doIt)).setDefaultButton(false);
    ((Button) a.getDialogPane().lookupButton(keep)).setDefaultButton(true);
    return a.showAndWait().filter(doIt::equals).isPresent();
  }
}
