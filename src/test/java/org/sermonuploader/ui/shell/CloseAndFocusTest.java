package org.sermonuploader.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.ui.TestBackends.onFx;
import static org.sermonuploader.ui.TestBackends.waitFx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.DialogPane;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.model.JobState;
import org.sermonuploader.ui.NoticeBanner;
import org.sermonuploader.ui.TestBackends;
import org.testfx.api.FxRobot;

/**
 * The close question counts right, has a title and sits on the window; a closed banner keeps focus
 * off the buttons.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CloseAndFocusTest {
  @RegisterExtension final WindowFixture fx = new WindowFixture();
  @TempDir Path tmp;
  private MainWindow window;

  private void open() throws Exception {
    window =
        fx.onFake(tmp.resolve("data"))
            .beforeShow(
                w -> {
                  fx.stage().setX(140);
                  fx.stage().setY(80);
                  w.askBeforeClosing(fx.stage());
                })
            .open();
  }

  @Test
  void oneRunningAndOneWaitingAreCountedSoAndTheQuestionSitsOnTheWindow(FxRobot robot)
      throws Exception {
    open();
    Path dir = Files.createDirectories(tmp.resolve("in"));
    Path a = TestBackends.recording(dir, "a.wav", 12 << 20);
    Path b = TestBackends.recording(dir, "b.wav", 12 << 20);
    robot.interact(() -> window.dropHandler().accept(List.of(a, b)));
    waitFx(
        10,
        () ->
            window.queue().rows().size() == 2
                && window.queue().rows().stream()
                    .anyMatch(r -> r.stateProperty().get() == JobState.UPLOADING));

    Platform.runLater(
        () -> fx.stage().fireEvent(new WindowEvent(fx.stage(), WindowEvent.WINDOW_CLOSE_REQUEST)));
    waitFx(10, () -> !robot.lookup(".dialog-pane").queryAll().isEmpty());
    DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
    assertEquals(
        "1 upload is running and 1 is waiting. They continue the next time the app starts."
            + " Close anyway?",
        onFx(pane::getContentText),
        onFx(() -> window.queue().rows().stream().map(r -> r.stateProperty().get()).toList())
            .toString());
    assertEquals("Close Sermon Uploader", onFx(pane::getHeaderText), "a title in the dialog");
    Window dialog = onFx(() -> pane.getScene().getWindow());
    double dialogMiddle = onFx(() -> dialog.getX() + dialog.getWidth() / 2);
    double windowMiddle = onFx(() -> fx.stage().getX() + fx.stage().getWidth() / 2);
    assertEquals(windowMiddle, dialogMiddle, 2, "centred on the window");
    robot.interact(
        () ->
            robot.lookup(".dialog-pane .button").queryAllAs(Button.class).stream()
                .filter(x -> x.getText().equals("Keep open"))
                .findFirst()
                .orElseThrow()
                .fire());
    assertTrue(onFx(fx.stage()::isShowing), "kept open");
  }

  @Test
  void closingTheBannerLeavesNoButtonFocused(FxRobot robot) throws Exception {
    open();
    robot.interact(
        () -> robot.lookup("#notice").queryAs(NoticeBanner.class).show("Settings saved."));
    Button ok = robot.lookup(".notice-close").queryAs(Button.class);
    robot.interact(ok::requestFocus);
    assertTrue(onFx(ok::isFocused));
    robot.interact(ok::fire);
    Node focused = onFx(() -> fx.stage().getScene().getFocusOwner());
    assertFalse(
        focused instanceof ButtonBase,
        "focus went to " + (focused instanceof ButtonBase bb ? bb.getText() : focused));
  }
}
