package org.sermonuploader.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.ui.TestBackends.onFx;
import static org.sermonuploader.ui.TestBackends.waitFx;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.engine.tus.TusTestServer;
import org.sermonuploader.ui.Background;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SettingsDialogTest {
  @TempDir Path tmp;

  private SettingsDialog dialog;
  private final AtomicReference<Optional<Settings>> result = new AtomicReference<>();
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

  private void show(FxRobot robot, Settings saved) {
    robot.interact(
        () -> {
          dialog =
              new SettingsDialog(
                  new SettingsForm(saved, Map.of()), Background.pool("test-settings", 1));
          dialog.initOwner(stage);
          dialog.setOnHidden(e -> result.set(Optional.ofNullable(dialog.getResult())));
          dialog.show();
        });
  }

  private void type(FxRobot robot, Setting s, String value) {
    robot.interact(
        () -> robot.lookup("#" + SettingsFields.id(s)).queryAs(TextField.class).setText(value));
  }

  private String error(FxRobot robot, Setting s) throws Exception {
    return onFx(
        () -> robot.lookup("#" + SettingsFields.id(s) + "-error").queryAs(Label.class).getText());
  }

  @Test
  void theSpeedLimitIsCheckedAsItIsTypedAndShowsWhatItDoes(FxRobot robot) throws Exception {
    show(robot, Settings.defaults());
    String preview = "#bandwidth-preview";
    assertEquals(
        "Now full speed.", onFx(() -> robot.lookup(preview).queryAs(Label.class).getText()));
    type(robot, Setting.BANDWIDTH_LIMIT, "512K");
    assertEquals(
        "Now limited to 524 kB/s (512K).",
        onFx(() -> robot.lookup(preview).queryAs(Label.class).getText()));
    assertEquals("", error(robot, Setting.BANDWIDTH_LIMIT));

    type(robot, Setting.BANDWIDTH_LIMIT, "Sonntag-08:00,512K");
    assertEquals(
        "'Sonntag-08:00,512K': 'Sonntag' is not a day (Mon, Tue, Wed, Thu, Fri, Sat or Sun).",
        error(robot, Setting.BANDWIDTH_LIMIT));
    assertEquals("", onFx(() -> robot.lookup(preview).queryAs(Label.class).getText()));
    robot.clickOn("#save-settings");
    assertTrue(onFx(() -> dialog.isShowing()), "a bad limit is not saved");

    type(robot, Setting.BANDWIDTH_LIMIT, "08:00,4M 22:00,off");
    assertEquals("", error(robot, Setting.BANDWIDTH_LIMIT));
    String text = onFx(() -> robot.lookup(preview).queryAs(Label.class).getText());
    assertTrue(
        text.matches(
            "Now (limited to 4.2 MB/s \\(4M\\) until 22:00, then full speed|full speed until"
                + " (\\w{3} )?08:00, then limited to 4.2 MB/s \\(4M\\))\\."),
        text);
  }

  @Test
  void invalidValuesAreRefusedWithAMessageNextToTheField(FxRobot robot) throws Exception {
    show(robot, Settings.defaults());
    type(robot, Setting.MINIO_ENDPOINT, "ftp://192.168.1.10:9000");
    type(robot, Setting.MINIO_BUCKET, "My Sermons");
    type(robot, Setting.PART_SIZE, "3MiB");
    type(robot, Setting.PARTS_IN_FLIGHT, "0");
    type(robot, Setting.KEY_TEMPLATE, "{date}/{nope}");
    robot.clickOn("#save-settings");

    assertTrue(onFx(() -> dialog.isShowing()), "the dialog stays open");
    assertEquals(
        "Start with http:// or https://, e.g. http://192.168.1.10:9000",
        error(robot, Setting.MINIO_ENDPOINT));
    assertEquals(
        "Use 3 to 63 lowercase letters, digits, dots or dashes (e.g. sermons).",
        error(robot, Setting.MINIO_BUCKET));
    assertEquals("The server needs an access key.", error(robot, Setting.MINIO_ACCESS_KEY));
    assertEquals("The server needs the secret key.", error(robot, Setting.MINIO_SECRET_KEY));
    assertEquals("Must be at least 5MiB.", error(robot, Setting.PART_SIZE));
    assertEquals("Must be between 1 and 16.", error(robot, Setting.PARTS_IN_FLIGHT));
    assertTrue(
        error(robot, Setting.KEY_TEMPLATE).startsWith("Unknown placeholder {nope}; use {filename}"),
        error(robot, Setting.KEY_TEMPLATE));
    assertTrue(onFx(() -> robot.lookup("#part-size-error").queryAs(Label.class).isVisible()));

    type(robot, Setting.MINIO_ENDPOINT, "");
    type(robot, Setting.MINIO_BUCKET, "sermons");
    type(robot, Setting.PART_SIZE, "32MiB");
    type(robot, Setting.PARTS_IN_FLIGHT, "3");
    type(robot, Setting.KEY_TEMPLATE, "{yyyy}/{filename}");
    assertEquals("", error(robot, Setting.PART_SIZE), "typing clears the message");
    robot.clickOn("#save-settings");
    waitFx(10, () -> !dialog.isShowing());
    Settings saved = result.get().orElseThrow();
    assertEquals("32MiB", saved.get(Setting.PART_SIZE));
    assertEquals("3", saved.get(Setting.PARTS_IN_FLIGHT));
    assertEquals("{yyyy}/{filename}", saved.get(Setting.KEY_TEMPLATE));
    assertFalse(saved.isSet(Setting.MINIO_ENDPOINT));
  }

  @Test
  void theKeyExampleFollowsTheTemplateAsItIsTyped(FxRobot robot) throws Exception {
    show(
        robot,
        Settings.defaults().with(Setting.KEY_PREFIX, "church").with(Setting.STATION_NAME, "hall"));
    assertEquals(
        "Example: Morning service 2024-05-12.mp3 is stored as church/Morning service 2024-05-12.mp3",
        onFx(() -> robot.lookup("#key-example").queryAs(Label.class).getText()));
    type(robot, Setting.KEY_TEMPLATE, "{yyyy}/{MM}/{speaker} - {title}{ext}");
    assertEquals(
        "Example: Morning service 2024-05-12.mp3 is stored as church/2024/05/Pastor Anna - The Good Shepherd.mp3",
        onFx(() -> robot.lookup("#key-example").queryAs(Label.class).getText()));
    type(robot, Setting.KEY_TEMPLATE, "{speaker}");
    assertTrue(
        onFx(() -> robot.lookup("#key-example").queryAs(Label.class).getText())
            .contains("Template problem: the template needs {filename}, {name} or {title}"));
  }

  @Test
  void testConnectionShowsEachCheckInPlainWords(FxRobot robot) throws Exception {
    store =
        new EmbeddedStore(tmp.resolve("store"), 0, "volunteer", "right-secret")
            .start()
            .withBucket("sermons");
    show(robot, Settings.defaults());
    type(robot, Setting.MINIO_ENDPOINT, store.endpoint());
    type(robot, Setting.MINIO_ACCESS_KEY, "volunteer");
    robot.interact(
        () -> robot.lookup("#minio-secret-key").queryAs(TextField.class).setText("right-secret"));
    robot.clickOn("#test-connection");
    waitFx(20, () -> checkLines(robot).size() == 4);
    assertEquals(
        List.of(
            "Server reachable: yes",
            "Access key and secret accepted: yes",
            "Bucket exists: yes",
            "Uploading allowed: yes"),
        checkLines(robot));

    robot.interact(
        () -> robot.lookup("#minio-secret-key").queryAs(TextField.class).setText("wrong-secret"));
    robot.clickOn("#test-connection");
    waitFx(
        20,
        () ->
            !checkLines(robot).isEmpty()
                && !checkLines(robot).get(0).equals("Testing…")
                && !checkLines(robot)
                    .equals(
                        List.of(
                            "Server reachable: yes",
                            "Access key and secret accepted: yes",
                            "Bucket exists: yes",
                            "Uploading allowed: yes")));
    List<String> lines = checkLines(robot);
    assertEquals("Server reachable: yes", lines.get(0));
    assertEquals("Access key and secret accepted: no", lines.get(1));
    assertEquals("Bucket exists", lines.get(2), "not checked after the credentials failed");
    assertEquals(
        List.of("check-ok", "check-failed", "check-skipped"),
        onFx(
            () ->
                robot
                    .lookup("#connection-checks")
                    .queryAs(VBox.class)
                    .lookupAll(".check-icon")
                    .stream()
                    .limit(3)
                    .map(n -> n.getStyleClass().get(1))
                    .toList()),
        "each line's icon: passed, failed, not checked");
  }

  @Test
  @SuppressWarnings(
      "try") // TusTestServer.close() may be interrupted; the test then fails, as it should
  void tusIsChosenWithABigButtonAndTestConnectionTriesTheTusServer(FxRobot robot) throws Exception {
    try (TusTestServer tus = new TusTestServer(tmp.resolve("tus"))) {
      tus.requiredToken = "sunday-token";
      show(robot, Settings.defaults());
      assertFalse(onFx(() -> robot.lookup("#tus-fields").query().isVisible()));
      robot.clickOn("#destination-tus");
      assertTrue(onFx(() -> robot.lookup("#tus-fields").query().isVisible()));
      assertFalse(
          onFx(() -> robot.lookup("#s3-fields").query().isVisible()), "S3 fields hide for tus");
      type(robot, Setting.TUS_ENDPOINT, tus.endpoint());

      robot.clickOn("#test-connection");
      waitFx(20, () -> checkLines(robot).size() >= 2);
      List<String> lines = checkLines(robot);
      assertEquals("tus server reachable: yes", lines.get(0));
      assertEquals("Token accepted: no", lines.get(1), "the server wants a token and got none");

      robot.interact(
          () ->
              robot
                  .lookup("#tus-headers")
                  .queryAs(javafx.scene.control.TextArea.class)
                  .setText("Authorization: Bearer sunday-token"));
      robot.clickOn("#test-connection");
      waitFx(20, () -> checkLines(robot).contains("Uploading allowed: yes"));
      assertEquals(
          List.of(
              "tus server reachable: yes",
              "Token accepted: yes",
              "Chunks get through: yes",
              "Uploading allowed: yes"),
          checkLines(robot));

      robot.clickOn("#save-settings");
      waitFx(10, () -> !dialog.isShowing());
      Settings saved = result.get().orElseThrow();
      assertEquals("tus", saved.get(Setting.DESTINATION));
      assertEquals(tus.endpoint(), saved.get(Setting.TUS_ENDPOINT));
      assertEquals("Authorization: Bearer sunday-token", saved.get(Setting.TUS_HEADERS));
    }
  }

  @Test
  void setKioskPinKeepsOnlyASaltedHashAndATooShortPinIsRefused(FxRobot robot) throws Exception {
    show(robot, Settings.defaults());
    robot.interact(
        () ->
            robot
                .lookup("#kiosk")
                .queryAs(org.controlsfx.control.ToggleSwitch.class)
                .setSelected(true));
    robot.interact(() -> robot.lookup("#kiosk-pin-new").queryAs(TextField.class).setText("12"));
    robot.clickOn("#save-settings");
    assertEquals("Use 4 to 12 digits.", error(robot, Setting.KIOSK_PIN_HASH));
    assertTrue(onFx(() -> dialog.isShowing()));

    robot.interact(() -> robot.lookup("#kiosk-pin-new").queryAs(TextField.class).setText("2468"));
    robot.clickOn("#save-settings");
    waitFx(10, () -> !dialog.isShowing());
    Settings saved = result.get().orElseThrow();
    assertEquals("true", saved.get(Setting.KIOSK));
    String hash = saved.get(Setting.KIOSK_PIN_HASH);
    assertFalse(hash.contains("2468"));
    assertTrue(org.sermonuploader.ui.kiosk.KioskPin.matches("2468", hash));
    assertFalse(org.sermonuploader.ui.kiosk.KioskPin.matches("1357", hash));
  }

  private static List<String> checkLines(FxRobot robot) throws Exception {
    return onFx(
        () ->
            robot.lookup("#connection-checks").queryAs(VBox.class).lookupAll(".check-what").stream()
                    .map(n -> ((Label) n).getText())
                    .toList()
                    .isEmpty()
                ? robot.lookup("#connection-checks").queryAs(VBox.class).getChildren().stream()
                    .filter(n -> n instanceof Label)
                    .map(n -> ((Label) n).getText())
                    .toList()
                : robot
                    .lookup("#connection-checks")
                    .queryAs(VBox.class)
                    .lookupAll(".check-what")
                    .stream()
                    .map(n -> ((Label) n).getText())
                    .toList());
  }

  @Test
  void liveUploadIsOnByDefaultAndCanBeTurnedOff(FxRobot robot) throws Exception {
    show(robot, Settings.defaults());
    String id = "#" + SettingsFields.id(Setting.LIVE_UPLOAD);
    assertTrue(
        onFx(
            () -> robot.lookup(id).queryAs(org.controlsfx.control.ToggleSwitch.class).isSelected()),
        "on, as LIVE_UPLOAD's default");
    robot.interact(
        () ->
            robot.lookup(id).queryAs(org.controlsfx.control.ToggleSwitch.class).setSelected(false));
    robot.clickOn("#save-settings");
    waitFx(10, () -> !dialog.isShowing());
    assertEquals("false", result.get().orElseThrow().get(Setting.LIVE_UPLOAD));
  }
}
