package org.sermonuploader.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.ui.TestBackends.onFx;
import static org.sermonuploader.ui.TestBackends.waitFx;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.ui.Background;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The settings dialog on a small screen: results in view, fields that stay put, honest values. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SettingsDialogLayoutTest {
  @TempDir Path tmp;
  private SettingsDialog dialog;
  private EmbeddedStore store;
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 200, 100));
    stage.show();
  }

  @AfterEach
  void close(FxRobot robot) {
    robot.interact(
        () -> {
          if (dialog != null && dialog.isShowing()) dialog.close();
        });
    if (store != null) store.close();
  }

  private void show(FxRobot robot, Map<String, String> env, double height) {
    robot.interact(
        () -> {
          dialog =
              new SettingsDialog(
                  new SettingsForm(Settings.defaults(), env), Background.pool("test-settings", 1));
          dialog.initOwner(stage);
          dialog.show();
          dialog.setHeight(height);
        });
  }

  private <T extends Node> T node(String id, Class<T> type) throws Exception {
    return onFx(() -> type.cast(dialog.getDialogPane().lookup("#" + id)));
  }

  private void type(FxRobot robot, Setting s, String value) {
    robot.interact(
        () ->
            ((TextInputControl) dialog.getDialogPane().lookup("#" + SettingsFields.id(s)))
                .setText(value));
  }

  private static Bounds inScene(Node n) {
    return n.localToScene(n.getBoundsInLocal());
  }

  @Test
  void afterTestConnectionTheResultsAreInViewAndTheFocusStaysOnTheButton(FxRobot robot)
      throws Exception {
    store =
        new EmbeddedStore(tmp.resolve("store"), 0, "volunteer", "right-secret")
            .start()
            .withBucket("sermons");
    show(robot, Map.of(), 460);
    type(robot, Setting.MINIO_ENDPOINT, store.endpoint());
    type(robot, Setting.MINIO_ACCESS_KEY, "volunteer");
    type(robot, Setting.MINIO_SECRET_KEY, "right-secret");
    robot.interact(() -> dialog.getDialogPane().lookup("#test-connection").requestFocus());
    robot.interact(
        () ->
            ((javafx.scene.control.Button) dialog.getDialogPane().lookup("#test-connection"))
                .fire());
    waitFx(20, () -> dialog.getDialogPane().lookupAll(".check-line").size() == 4);
    robot.interact(() -> {});
    Node lastCheck =
        onFx(() -> List.copyOf(dialog.getDialogPane().lookupAll(".check-line")).get(3));
    ScrollPane scroll = onFx(() -> (ScrollPane) dialog.getDialogPane().getContent());
    assertTrue(
        onFx(
            () -> {
              Bounds view = scroll.localToScene(scroll.getLayoutBounds());
              Bounds check = inScene(lastCheck);
              return check.getMinY() >= view.getMinY() - 0.5
                  && check.getMaxY() <= view.getMaxY() + 0.5;
            }),
        "the last result is in view");
    assertEquals(
        "test-connection",
        onFx(() -> dialog.getDialogPane().getScene().getFocusOwner().getId()),
        "the focus stays where the volunteer tapped");
  }

  @Test
  void aValidationMessageDoesNotMoveTheFieldsBelowIt(FxRobot robot) throws Exception {
    show(robot, Map.of(), 700);
    type(robot, Setting.MINIO_ENDPOINT, "http://192.168.1.10:9000");
    TextField secret = node(SettingsFields.id(Setting.MINIO_SECRET_KEY), TextField.class);
    robot.interact(() -> {});
    double before = onFx(() -> inScene(secret).getMinY());
    robot.interact(
        () ->
            ((javafx.scene.control.Button) dialog.getDialogPane().lookup("#test-connection"))
                .fire());
    waitFx(
        5,
        () ->
            ((Labeled) dialog.getDialogPane().lookup("#minio-access-key-error"))
                .getText()
                .equals("The server needs an access key."));
    robot.interact(() -> {});
    assertEquals(before, (double) onFx(() -> inScene(secret).getMinY()), 0.5);
  }

  @Test
  void anAddressWithoutHttpIsCompletedAndTheVolunteerIsTold(FxRobot robot) throws Exception {
    show(robot, Map.of(), 700);
    type(robot, Setting.MINIO_ENDPOINT, "127.0.0.1:9431");
    type(robot, Setting.MINIO_ACCESS_KEY, "volunteer");
    robot.interact(
        () ->
            ((javafx.scene.control.Button) dialog.getDialogPane().lookup("#test-connection"))
                .fire());
    TextField endpoint = node(SettingsFields.id(Setting.MINIO_ENDPOINT), TextField.class);
    waitFx(5, () -> endpoint.getText().equals("http://127.0.0.1:9431"));
    String note =
        onFx(() -> ((Labeled) dialog.getDialogPane().lookup("#minio-endpoint-error")).getText());
    assertTrue(note.startsWith("Added http:// in front."), note);
    assertTrue(
        onFx(() -> dialog.form().validate().get(Setting.MINIO_ENDPOINT) == null),
        "the completed address is accepted");
  }

  @Test
  void settingsFromTheEnvironmentShowTheValueInForceButNeverASecret(FxRobot robot)
      throws Exception {
    show(
        robot,
        Map.of("MINIO_ENDPOINT", "http://10.0.0.5:9000", "MINIO_SECRET_KEY", "s3cr3t-value"),
        700);
    TextField endpoint = node(SettingsFields.id(Setting.MINIO_ENDPOINT), TextField.class);
    assertEquals("http://10.0.0.5:9000", onFx(endpoint::getText));
    assertTrue(
        onFx(
            () ->
                ((Labeled) dialog.getDialogPane().lookup("#minio-endpoint-source"))
                    .getText()
                    .startsWith("From the environment (MINIO_ENDPOINT)")));
    PasswordField secret = node(SettingsFields.id(Setting.MINIO_SECRET_KEY), PasswordField.class);
    assertEquals("", onFx(secret::getText));
    assertEquals("set in the environment", onFx(secret::getPromptText));
    assertTrue(
        onFx(
            () ->
                ((Labeled) dialog.getDialogPane().lookup("#minio-secret-key-source"))
                    .getText()
                    .startsWith("Set in the environment")));
    boolean leaked =
        onFx(
            () ->
                dialog.getDialogPane().lookupAll("*").stream()
                    .anyMatch(
                        n ->
                            (n instanceof Labeled l
                                    && l.getText() != null
                                    && l.getText().contains("s3cr3t"))
                                || (n instanceof TextInputControl t
                                    && (t.getText().contains("s3cr3t")
                                        || t.getPromptText().contains("s3cr3t")))));
    assertFalse(leaked, "the secret is never shown");
    assertEquals(
        "",
        onFx(() -> dialog.form().toSaved().get(Setting.MINIO_ENDPOINT)),
        "the environment's value is not written into the settings file");
  }
}
