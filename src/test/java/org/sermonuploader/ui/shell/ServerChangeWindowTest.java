package org.sermonuploader.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.ui.TestBackends.onFx;
import static org.sermonuploader.ui.TestBackends.waitFx;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.config.SettingsStore;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.ui.queue.JobRowView;
import org.sermonuploader.ui.settings.SettingsAccess;
import org.testfx.api.FxRobot;

/**
 * Another server typed into Settings while a recording is half-way up: the window asks first, then
 * the recording goes up once, whole, to the new server, and nothing is left on the old one.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServerChangeWindowTest {
  private static final long MIB = 1L << 20;

  @RegisterExtension final WindowFixture fx = new WindowFixture();
  @TempDir Path tmp;

  private MainWindow window;

  @Test
  void changingTheServerMidUploadAsksThenSendsTheFileOnceToTheNewServer(FxRobot robot)
      throws Exception {
    EmbeddedStore oldStore = fx.store(tmp.resolve("old"));
    EmbeddedStore newStore = fx.store(tmp.resolve("new"));
    Path home = tmp.resolve("home");
    new SettingsStore(home)
        .save(
            Settings.defaults()
                .with(Setting.MINIO_ENDPOINT, oldStore.endpoint())
                .with(Setting.MINIO_BUCKET, S3TestSupport.BUCKET)
                .with(Setting.MINIO_ACCESS_KEY, S3TestSupport.ACCESS)
                .with(Setting.MINIO_SECRET_KEY, S3TestSupport.SECRET)
                .with(Setting.PART_SIZE, "5MiB")
                .with(Setting.BANDWIDTH_LIMIT, "2M"));
    SettingsAccess access =
        SettingsAccess.of(
            home,
            Map.of("STATUS_PORT", "0", "USB_MOUNT_ROOTS", tmp.resolve("no-media").toString()));
    window = fx.on(access).open();

    Path file = S3TestSupport.randomFile(tmp, "Sunday.wav", 12 * MIB, 3);
    robot.interact(() -> window.dropHandler().accept(List.of(file)));
    waitFx(
        30,
        () -> {
          var q = window.host().queue();
          return q != null && !q.jobs().isEmpty() && q.jobs().get(0).bytesDone() >= 5 * MIB;
        });
    assertEquals(List.of("Sunday.wav"), S3TestSupport.unfinishedUploads(oldStore));

    robot.clickOn("#open-settings");
    waitFx(10, () -> !robot.lookup("#save-settings").queryAll().isEmpty());
    robot.interact(
        () ->
            robot.lookup("#minio-endpoint").queryAs(TextField.class).setText(newStore.endpoint()));
    robot.clickOn("#save-settings");

    waitFx(10, () -> !robot.lookup(".dialog-pane .content").queryAll().isEmpty());
    String question =
        onFx(() -> robot.lookup(".dialog-pane").queryAs(DialogPane.class).getContentText());
    assertTrue(
        question.startsWith("1 upload will start again on the new server, from the beginning."),
        question);
    robot.interact(
        () ->
            robot.lookup(".dialog-pane .button").queryAllAs(Button.class).stream()
                .filter(b -> b.getText().equals("Yes, change it"))
                .findFirst()
                .orElseThrow()
                .fire());

    waitFx(60, () -> rowState(robot, "Sunday.wav").equals("done ✓"));
    assertEquals(S3TestSupport.sha256(file), S3TestSupport.downloadSha256(newStore, "Sunday.wav"));
    assertEquals(List.of(), S3TestSupport.unfinishedUploads(oldStore), "parts left on the old");
    assertEquals(List.of(), S3TestSupport.unfinishedUploads(newStore));
  }

  private String rowState(FxRobot robot, String fileName) {
    return robot.lookup(".job-row").queryAllAs(JobRowView.class).stream()
        .filter(r -> r.model().nameProperty().get().equals(fileName))
        .map(r -> ((Label) r.lookup(".job-state")).getText())
        .findFirst()
        .orElse("");
  }
}
