package org.sermonuploader.ui.queue;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.sermonuploader.ui.TestBackends.onFx;
import static org.sermonuploader.ui.TestBackends.recording;
import static org.sermonuploader.ui.TestBackends.waitFx;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.stage.PopupWindow;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.ui.FakeTransfer;
import org.sermonuploader.ui.shell.MainWindow;
import org.sermonuploader.ui.shell.WindowFixture;
import org.testfx.api.FxRobot;

/** The pop-up after an upload ends must leave the memory gauge in view. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FinishNoticesTest {
  @RegisterExtension final WindowFixture fx = new WindowFixture();
  @TempDir Path tmp;
  private MainWindow window;
  private final FakeTransfer transfer = fx.transfer();

  @Test
  void theFailurePopUpDoesNotCoverTheMemoryGauge(FxRobot robot) throws Exception {
    window = fx.onFake(tmp.resolve("data")).withPopups().open();
    transfer.failNext.set(
        UploadException.fatal("The server refused the password.", "Denied", null));
    transfer.permits.release(1);
    Path f = recording(tmp, "2024-06-02 Morning.wav", 3000);
    robot.interact(() -> window.dropHandler().accept(List.of(f)));
    waitFx(
        10,
        () ->
            Window.getWindows().stream()
                .anyMatch(
                    w ->
                        w instanceof PopupWindow
                            && w.getScene().getRoot().lookup(".notification-bar") != null));
    robot.interact(() -> {});
    assertFalse(
        onFx(
            () -> {
              Node gauge = window.gauge();
              Bounds g = gauge.localToScreen(gauge.getBoundsInLocal());
              return Window.getWindows().stream()
                  .filter(w -> w instanceof PopupWindow)
                  .filter(w -> w.getScene().getRoot().lookup(".notification-bar") != null)
                  .anyMatch(
                      w ->
                          w.getX() < g.getMaxX()
                              && w.getX() + w.getWidth() > g.getMinX()
                              && w.getY() < g.getMaxY()
                              && w.getY() + w.getHeight() > g.getMinY());
            }),
        "the pop-up covers the memory gauge");
  }
}
