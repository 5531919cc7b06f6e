package org.sermonuploader.ui.settings;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.sermonuploader.ui.Background;
import org.sermonuploader.ui.Theme;

/**
 * Test connection under the server fields: the button, and below it each check's answer, scrolled
 * into view. The test runs in the background with the values typed, not yet saved.
 */
final class ConnectionTestView {
  private final SettingsForm form;
  private final Background background;
  private final BooleanSupplier ready;
  private final Supplier<ScrollPane> scroll;
  private final Button test = new Button("Test connection");
  private final VBox checks = new VBox(2);
  private boolean testing;

  /**
   * @param ready shows the problems of the destination's fields and says whether there are none
   * @param scroll the dialog's scroll pane, which scrolls to the answers
   */
  ConnectionTestView(
      SettingsForm form,
      Background background,
      BooleanSupplier ready,
      Supplier<ScrollPane> scroll) {
    this.form = form;
    this.background = background;
    this.ready = ready;
    this.scroll = scroll;
    test.setId("test-connection");
    test.setOnAction(e -> run());
    checks.setId("connection-checks");
    checks.getStyleClass().add("connection-checks");
  }

  /** The button and the answers, in that order. */
  List<Node> nodes() {
    return List.of(test, checks);
  }

  /** Forgets the answers (the destination changed). */
  void clear() {
    checks.getChildren().clear();
  }

  private void run() {
    // the button stays enabled while testing: disabling it would send the focus (and the scroll
    // position) to another field, away from the results
    if (testing || !ready.getAsBoolean()) return;
    testing = true;
    test.setText("Testing…");
    checks.getChildren().setAll(new Label("Testing…"));
    background.run(
        () -> {
          List<ConnectionTest.Line> lines = ConnectionTest.run(form);
          Platform.runLater(
              () -> {
                testing = false;
                test.setText("Test connection");
                checks.getChildren().clear();
                for (ConnectionTest.Line c : lines) checks.getChildren().add(line(c));
                reveal();
              });
        });
  }

  /** Scrolls just far enough that the results can be read, the button still above them. */
  private void reveal() {
    ScrollPane pane = scroll.get();
    Node content = pane.getContent();
    content.applyCss();
    if (content instanceof Parent p) p.layout();
    double total = content.getLayoutBounds().getHeight();
    double view = pane.getViewportBounds().getHeight();
    if (total <= view) return;
    Bounds b = content.sceneToLocal(checks.localToScene(checks.getBoundsInLocal()));
    Bounds button = content.sceneToLocal(test.localToScene(test.getBoundsInLocal()));
    double top = pane.getVvalue() * (total - view);
    if (b.getMaxY() > top + view) top = Math.min(b.getMaxY() - view, button.getMinY());
    pane.setVvalue(Math.max(0, Math.min(1, top / (total - view))));
  }

  private static Node line(ConnectionTest.Line c) {
    Region icon = new Region();
    icon.getStyleClass()
        .addAll(
            "check-icon",
            switch (c.result()) {
              case PASSED -> "check-ok";
              case FAILED -> "check-failed";
              case NOT_RUN -> "check-skipped";
            });
    Theme.fixSize(icon, 14);
    Label what =
        new Label(
            c.what()
                + switch (c.result()) {
                  case PASSED -> ": yes";
                  case FAILED -> ": no";
                  case NOT_RUN -> "";
                });
    what.getStyleClass().add("check-what");
    what.setMinWidth(Region.USE_PREF_SIZE);
    Label msg = new Label(c.message());
    msg.getStyleClass().add("check-message");
    msg.setWrapText(true);
    VBox text = new VBox(0, what, msg);
    HBox line = new HBox(6, icon, text);
    line.setAlignment(Pos.TOP_LEFT);
    line.getStyleClass().add("check-line");
    return line;
  }
}
