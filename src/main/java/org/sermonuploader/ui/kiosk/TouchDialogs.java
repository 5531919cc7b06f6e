package org.sermonuploader.ui.kiosk;

import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Modality;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;
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
    Rectangle2D area = area(owner);
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

  /** Where a window over {@code owner} must fit: the owner, or the screen without one. */
  private static Rectangle2D area(@Nullable Window owner) {
    return owner != null && owner.getWidth() > 0
        ? new Rectangle2D(owner.getX(), owner.getY(), owner.getWidth(), owner.getHeight())
        : Screen.getPrimary().getVisualBounds();
  }

  /**
   * Keeps a dialog, its header and its buttons inside {@code owner} (down to 800x480): the header
   * wraps instead of widening the dialog (a long file name made Sermon details 898 px wide, with
   * Save off an 800 px screen), and the dialog is moved back inside if it would stick out.
   */
  public static void fit(Dialog<?> dialog, @Nullable Window owner) {
    Rectangle2D area = area(owner);
    double maxWidth = area.getWidth() - 24;
    DialogPane pane = dialog.getDialogPane();
    pane.setMaxWidth(maxWidth);
    pane.setMaxHeight(area.getHeight() - 24);
    String header = dialog.getHeaderText();
    if (header != null && !header.isEmpty()) {
      Label text = new Label(header);
      text.setWrapText(true);
      text.setMaxWidth(maxWidth - 48);
      StackPane panel = new StackPane(text);
      StackPane.setAlignment(text, Pos.CENTER_LEFT);
      panel.getStyleClass().add("header-panel");
      pane.setHeader(panel);
    }
    dialog.setOnShown(
        e -> {
          if (dialog.getWidth() > maxWidth) dialog.setWidth(maxWidth);
          if (dialog.getHeight() > area.getHeight() - 24) dialog.setHeight(area.getHeight() - 24);
          // centred on the window: left to the window manager it could open at the top left
          double x = area.getMinX() + (area.getWidth() - dialog.getWidth()) / 2;
          double y = area.getMinY() + (area.getHeight() - dialog.getHeight()) / 2;
          dialog.setX(clamp(x, area.getMinX(), area.getMaxX() - dialog.getWidth()));
          dialog.setY(clamp(y, area.getMinY(), area.getMaxY() - dialog.getHeight()));
        });
  }

  private static double clamp(double v, double min, double max) {
    return Math.max(min, Math.min(v, max));
  }

  /** Tells something that needs no answer, e.g. what the memory gauge means. */
  public static void inform(@Nullable Window owner, boolean kiosk, String title, String text) {
    Alert a = new Alert(Alert.AlertType.INFORMATION, text, ButtonType.OK);
    a.setTitle(title);
    a.setHeaderText(kiosk ? title : null);
    if (owner != null) a.initOwner(owner);
    if (kiosk) {
      a.initStyle(StageStyle.UNDECORATED);
      a.getDialogPane().getStyleClass().add(Theme.KIOSK);
    }
    Theme.style(a.getDialogPane());
    fit(a, owner);
    a.show();
  }

  /**
   * Asks before something that cannot be undone; true when the user chose {@code yes}. Enter picks
   * {@code no}: a stray key press must not do what cannot be undone.
   */
  public static boolean confirm(
      @Nullable Window owner, boolean kiosk, String title, String question, String yes, String no) {
    ButtonType doIt = new ButtonType(yes, ButtonBar.ButtonData.OK_DONE);
    ButtonType keep = new ButtonType(no, ButtonBar.ButtonData.CANCEL_CLOSE);
    Alert a = new Alert(Alert.AlertType.CONFIRMATION, question, doIt, keep);
    a.setTitle(title);
    // in the dialog too: the kiosk has no title bar, and some window managers show none
    a.setHeaderText(title);
    if (owner != null) a.initOwner(owner);
    if (kiosk) {
      a.initStyle(StageStyle.UNDECORATED);
      a.getDialogPane().getStyleClass().add(Theme.KIOSK);
    }
    Theme.style(a.getDialogPane());
    fit(a, owner);
    ((Button) a.getDialogPane().lookupButton(doIt)).setDefaultButton(false);
    ((Button) a.getDialogPane().lookupButton(keep)).setDefaultButton(true);
    return a.showAndWait().filter(doIt::equals).isPresent();
  }
}
