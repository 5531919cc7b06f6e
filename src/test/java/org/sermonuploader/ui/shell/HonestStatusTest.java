package org.sermonuploader.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.ui.TestBackends.onFx;
import static org.sermonuploader.ui.TestBackends.recording;
import static org.sermonuploader.ui.TestBackends.waitFx;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.Label;
import javafx.stage.WindowEvent;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.model.JobState;
import org.sermonuploader.ui.FakeTransfer;
import org.testfx.api.FxRobot;

/** What the top summary and the status bar say when something is wrong. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HonestStatusTest {
  @RegisterExtension final WindowFixture fx = new WindowFixture();
  @TempDir Path tmp;

  private MainWindow window;
  private final FakeTransfer transfer = fx.transfer();

  private void open() throws Exception {
    window = fx.onFake(tmp.resolve("data")).open();
  }

  private static String status(FxRobot robot) throws Exception {
    return onFx(() -> robot.lookup("#status-bar").queryAs(StatusBar.class).getText());
  }

  private static String summary(FxRobot robot) throws Exception {
    return onFx(() -> robot.lookup("#summary").queryAs(Label.class).getText());
  }

  private static void waitForStatus(FxRobot robot, String prefix) throws Exception {
    try {
      waitFx(
          20,
          () -> robot.lookup("#status-bar").queryAs(StatusBar.class).getText().startsWith(prefix));
    } catch (TimeoutException e) {
      throw new AssertionError(
          "expected the status '" + prefix + "…' but it says '" + status(robot) + "'");
    }
  }

  @Test
  void aWrongSecretShowsAtStartBeforeAnyFileAndClearsOnceTheCheckPasses(FxRobot robot)
      throws Exception {
    transfer.checkProblem.set("The server refused the password (secret key).");
    open();
    waitForStatus(robot, "Connection problem: The server refused the password (secret key).");
    assertEquals("Nothing to upload yet.", summary(robot));

    transfer.checkProblem.set(null);
    window.host().checkConnection();
    waitForStatus(robot, "Ready: the test's fake server");
  }

  @Test
  void aFailedRowIsCountedInTheSummaryAndTheStatusBarKeepsTheProblem(FxRobot robot)
      throws Exception {
    open();
    waitForStatus(robot, "Ready: the test's fake server");
    transfer.checkProblem.set("The server refused the password (secret key).");
    transfer.failNext.set(
        UploadException.fatal("The server refused the password.", "AccessDenied", null));
    transfer.runFreely();
    Path file = recording(tmp, "Wednesday.mp3", 3000);
    Path other = recording(tmp, "Thursday.mp3", 3000);
    robot.interact(() -> window.dropHandler().accept(List.of(file, other)));
    waitFx(
        20,
        () ->
            window.queue().rows().size() == 2
                && window.queue().rows().stream().allMatch(r -> r.snapshot().state().finished()));
    assertEquals("1 failed – see below", summary(robot));
    assertTrue(
        onFx(() -> robot.lookup("#summary").queryAs(Label.class).getStyleClass())
            .contains("summary-failed"));
    waitForStatus(robot, "Connection problem: The server refused the password (secret key).");
  }

  @Test
  void closingDuringUploadsAsksAndKeepOpenIsTheSafeDefault(FxRobot robot) throws Exception {
    open();
    Path a = recording(tmp, "First.wav", 20L << 20);
    Path b = recording(tmp, "Second.wav", 20L << 20);
    robot.interact(() -> window.askBeforeClosing(fx.stage()));
    robot.interact(() -> window.dropHandler().accept(List.of(a, b)));
    waitFx(
        10,
        () ->
            window.queue().rows().size() == 2
                && window.queue().rows().stream()
                    .anyMatch(r -> r.snapshot().state() == JobState.UPLOADING));

    javafx.application.Platform.runLater(
        () -> fx.stage().fireEvent(new WindowEvent(fx.stage(), WindowEvent.WINDOW_CLOSE_REQUEST)));
    waitFx(10, () -> robot.lookup("Keep open").tryQuery().isPresent());
    assertEquals(
        "1 upload is running and 1 is waiting. They continue the next time the app starts."
            + " Close anyway?",
        onFx(() -> robot.lookup(".dialog-pane .content").queryAs(Label.class).getText()));
    assertTrue(
        onFx(() -> robot.lookup("Keep open").queryButton().isDefaultButton()),
        "Enter keeps the window open");
    robot.clickOn("Keep open");
    waitFx(10, () -> robot.lookup("Keep open").tryQuery().isEmpty());
    assertTrue(onFx(fx.stage()::isShowing), "the window stays open");

    javafx.application.Platform.runLater(
        () -> fx.stage().fireEvent(new WindowEvent(fx.stage(), WindowEvent.WINDOW_CLOSE_REQUEST)));
    waitFx(10, () -> robot.lookup("Close").tryQuery().isPresent());
    robot.clickOn("Close");
    waitFx(10, () -> !fx.stage().isShowing());
  }

  @Test
  void addedRecordingsAreNewsForAMomentNotAStaleLineUnderTheDropZone(FxRobot robot)
      throws Exception {
    open();
    transfer.runFreely();
    Path wav = recording(tmp, "Sunday.wav", 1000);
    robot.interact(() -> window.dropHandler().accept(List.of(wav)));
    waitFx(
        10,
        () -> robot.lookup("#drop-message").queryAs(Label.class).getText().startsWith("Added 1"));
    waitFx(15, () -> robot.lookup("#drop-message").queryAs(Label.class).getText().isEmpty());
  }

  @Test
  void theStatusBarSaysUploadsWaitForTheServerWhileItIsDownAndReadyOnceItIsBack(FxRobot robot)
      throws Exception {
    open();
    waitForStatus(robot, "Ready: the test's fake server");
    transfer.down.set(true);
    transfer.runFreely();
    Path file = recording(tmp, "Evening.mp3", 3000);
    robot.interact(() -> window.dropHandler().accept(List.of(file)));
    waitFx(
        20,
        () ->
            window.queue().rows().size() == 1
                && window.queue().rows().get(0).snapshot().state() == JobState.WAITING_FOR_SERVER);
    waitForStatus(
        robot,
        "The server does not answer: uploads carry on by themselves when it does (the test's"
            + " fake server).");

    transfer.down.set(false);
    waitFx(20, () -> window.queue().rows().get(0).snapshot().state() == JobState.DONE);
    waitForStatus(robot, "Ready: the test's fake server");
  }
}
