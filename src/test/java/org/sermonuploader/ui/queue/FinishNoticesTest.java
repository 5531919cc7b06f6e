package org.sermonuploader.ui.queue;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.ui.TestBackends.onFx;
import static org.sermonuploader.ui.TestBackends.recording;
import static org.sermonuploader.ui.TestBackends.waitFx;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.model.PressureLevel;
import org.sermonuploader.ui.Background;
import org.sermonuploader.ui.FakeTransfer;
import org.sermonuploader.ui.TestBackends;
import org.sermonuploader.ui.Theme;
import org.sermonuploader.ui.settings.SettingsAccess;
import org.sermonuploader.ui.shell.MainWindow;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The pop-up after an upload ends must leave the memory gauge in view. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FinishNoticesTest {
  @TempDir Path tmp;
  private Stage stage;
  private MainWindow window;
  private final FakeTransfer transfer = new FakeTransfer();

  @Start
  void start(Stage stage) {
    this.stage = stage;
  }

  @AfterEach
  void close() {
    transfer.runFreely();
    if (window != null) window.shutdown();
  }

  @Test
  void theFailurePopUpDoesNotCoverTheMemoryGauge(FxRobot robot) throws Exception {
    CountDownLatch ready = new CountDownLatch(1);
    robot.interact(
        () -> {
          window =
              new MainWindow(
                  Background.pool("test-ui", 2),
                  TestBackends.fixedMemory(PressureLevel.NORMAL),
                  SettingsAccess.of(tmp.resolve("data"), Map.of()));
          Theme.style(window);
          stage.setScene(new Scene(window, 1000, 640));
          stage.show();
          window.start(TestBackends.fake(tmp.resolve("data"), transfer), ready::countDown);
        });
    assertTrue(ready.await(20, TimeUnit.SECONDS));
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
