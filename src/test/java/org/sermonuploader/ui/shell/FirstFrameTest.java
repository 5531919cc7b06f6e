package org.sermonuploader.ui.shell;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.ui.TestBackends.onFx;
import static org.sermonuploader.ui.TestBackends.waitFx;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.model.HistoryEntry;
import org.sermonuploader.ui.TestBackends;
import org.sermonuploader.ui.UploadBackend;
import org.sermonuploader.ui.queue.JobRowView;
import org.sermonuploader.ui.settings.SettingsAccess;
import org.testfx.api.FxRobot;

/**
 * The window is on screen before the uploader opens (its journal, engine and USB watcher would slow
 * the first frame), and it works as before: an added recording gets its row and is uploaded, and
 * the History, made when first selected, lists it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FirstFrameTest {
  @RegisterExtension final WindowFixture fx = new WindowFixture();
  @TempDir Path tmp;

  @Test
  void theUploaderOpensAfterTheFirstFrameAndRecordingsStillGetTheirRows(FxRobot robot)
      throws Exception {
    Path data = tmp.resolve("data");
    AtomicBoolean laidOut = new AtomicBoolean();
    AtomicReference<Boolean> laidOutWhenOpened = new AtomicReference<>();
    UploadBackend.Opener fake = TestBackends.fake(data, fx.transfer());
    MainWindow window =
        fx.on(
                SettingsAccess.of(data, Map.of()),
                () -> {
                  laidOutWhenOpened.set(laidOut.get());
                  return fake.open();
                })
            .beforeShow(
                w ->
                    w.sceneProperty()
                        .addListener(
                            (o, was, scene) -> {
                              if (scene != null)
                                scene.addPostLayoutPulseListener(() -> laidOut.set(true));
                            }))
            .open();
    assertTrue(
        Boolean.TRUE.equals(laidOutWhenOpened.get()),
        "the window's first frame was laid out before the uploader opened");
    assertNull(
        onFx(() -> window.history().getScene()), "the History joins the window when first shown");

    fx.transfer().runFreely();
    Path file = TestBackends.recording(tmp, "2024-06-09 Morning.wav", 300_000);
    robot.interact(() -> window.dropHandler().accept(List.of(file)));
    waitFx(15, () -> "done ✓".equals(rowState(robot, "2024-06-09 Morning.wav")));

    robot.clickOn("History");
    waitFx(
        10,
        () -> {
          TableView<HistoryEntry> t = window.history().table();
          return t.getScene() != null
              && t.lookupAll(".wrapping-cell-text").stream()
                  .anyMatch(
                      n ->
                          n instanceof Text text
                              && "2024-06-09 Morning.wav".equals(text.getText()));
        });
  }

  private static String rowState(FxRobot robot, String fileName) {
    return robot.lookup(".job-row").queryAllAs(JobRowView.class).stream()
        .filter(r -> r.model().nameProperty().get().equals(fileName))
        .map(r -> ((Label) r.lookup(".job-state")).getText())
        .findFirst()
        .orElse("");
  }
}
