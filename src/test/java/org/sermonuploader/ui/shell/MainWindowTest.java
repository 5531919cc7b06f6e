package org.sermonuploader.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.ui.TestBackends.onFx;
import static org.sermonuploader.ui.TestBackends.recording;
import static org.sermonuploader.ui.TestBackends.waitFx;
import static org.testfx.matcher.control.LabeledMatchers.hasText;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.app.UploadQueue;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.model.HistoryEntry;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.ui.FakeTransfer;
import org.sermonuploader.ui.queue.JobRowView;
import org.sermonuploader.ui.settings.SettingsAccess;
import org.testfx.api.FxRobot;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MainWindowTest {
  @RegisterExtension final WindowFixture fx = new WindowFixture();
  @TempDir Path tmp;

  private MainWindow window;
  private final FakeTransfer transfer = fx.transfer();

  private void openFake() throws Exception {
    window = fx.onFake(tmp.resolve("data")).open();
  }

  private JobRowView row(FxRobot robot, String fileName) {
    return robot.lookup(".job-row").queryAllAs(JobRowView.class).stream()
        .filter(r -> r.model().nameProperty().get().equals(fileName))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + fileName));
  }

  private static String text(Node row, String styleClass) {
    return ((Label) row.lookup("." + styleClass)).getText();
  }

  private void waitForRowText(FxRobot robot, String fileName, String styleClass, String prefix)
      throws Exception {
    try {
      waitFx(
          20,
          () -> {
            List<JobRowView> rows =
                robot.lookup(".job-row").queryAllAs(JobRowView.class).stream()
                    .filter(r -> r.model().nameProperty().get().equals(fileName))
                    .toList();
            return !rows.isEmpty() && text(rows.get(0), styleClass).startsWith(prefix);
          });
    } catch (java.util.concurrent.TimeoutException e) {
      String now = onFx(() -> text(row(robot, fileName), styleClass));
      throw new AssertionError(
          fileName + ": expected '" + prefix + "…' but the row shows '" + now + "'");
    }
  }

  private UploadQueue engine() {
    return window.host().queue();
  }

  private JobSnapshot job(String fileName) {
    return engine().jobs().stream()
        .filter(j -> j.fileName().equals(fileName))
        .findFirst()
        .orElseThrow();
  }

  private void click(FxRobot robot, JobRowView row, String buttonClass) {
    Button b = (Button) row.lookup("." + buttonClass);
    assertTrue(b.isVisible(), buttonClass + " is not shown");
    robot.clickOn(b);
  }

  @Test
  void droppedRecordingsAndFoldersBecomeRowsOnceAndOtherFilesAreRefusedWithAReason(FxRobot robot)
      throws Exception {
    openFake();
    Path wav = recording(tmp, "2024-05-12 Morning.wav", 1000);
    Path notes = recording(tmp, "notes.txt", 10);
    Path folder = Files.createDirectories(tmp.resolve("stick"));
    recording(folder, "a.mp3", 500);
    recording(folder, "b.m4a", 500);
    recording(folder, "readme.txt", 5);

    robot.interact(() -> window.dropHandler().accept(List.of(wav, notes)));
    waitFx(
        10,
        () ->
            window.queue().rows().size() == 1
                && robot
                    .lookup("#drop-message")
                    .queryAs(Label.class)
                    .getText()
                    .contains("notes.txt"));
    assertEquals(
        "Added 1 recording. Not added: notes.txt – not an audio or video file.",
        onFx(() -> robot.lookup("#drop-message").queryAs(Label.class).getText()));

    robot.interact(() -> window.dropHandler().accept(List.of(wav, folder)));
    waitFx(10, () -> window.queue().rows().size() == 3);
    assertEquals(
        "Added 2 recordings. 1 was already in the list.",
        onFx(() -> robot.lookup("#drop-message").queryAs(Label.class).getText()));
    List<String> names =
        onFx(
            () ->
                robot.lookup(".job-name").queryAllAs(Label.class).stream()
                    .map(Label::getText)
                    .sorted()
                    .toList());
    assertEquals(List.of("2024-05-12 Morning.wav", "a.mp3", "b.m4a"), names);
    assertEquals(3, engine().jobs().size(), "the engine queued each file once");

    robot.interact(() -> window.dropHandler().accept(List.of(notes)));
    waitFx(
        10,
        () ->
            robot.lookup("#drop-message").queryAs(Label.class).getStyleClass().contains("refused"));
  }

  @Test
  void progressEventsMoveTheBarAndTheText(FxRobot robot) throws Exception {
    openFake();
    Path file = recording(tmp, "Evening service.mp3", 20L << 20); // four 5 MiB parts
    robot.interact(() -> window.dropHandler().accept(List.of(file)));
    waitForRowText(robot, "Evening service.mp3", "job-state", "uploading");
    assertEquals(
        0.0,
        onFx(
            () ->
                ((ProgressBar) row(robot, "Evening service.mp3").lookup(".job-progress"))
                    .getProgress()));

    transfer.permits.release(2);
    waitForRowText(robot, "Evening service.mp3", "job-progress-text", "50%");
    assertEquals(
        0.5,
        onFx(
            () ->
                ((ProgressBar) row(robot, "Evening service.mp3").lookup(".job-progress"))
                    .getProgress()),
        1e-9);
    assertTrue(
        onFx(() -> robot.lookup("#summary").queryAs(Label.class).getText())
            .startsWith("1 file left"));

    transfer.runFreely();
    waitForRowText(robot, "Evening service.mp3", "job-state", "done ✓");
    assertEquals(
        1.0,
        onFx(
            () ->
                ((ProgressBar) row(robot, "Evening service.mp3").lookup(".job-progress"))
                    .getProgress()),
        1e-9);
    assertEquals("100%", onFx(() -> text(row(robot, "Evening service.mp3"), "job-progress-text")));
    assertEquals(
        "All files finished.", onFx(() -> robot.lookup("#summary").queryAs(Label.class).getText()));

    click(robot, row(robot, "Evening service.mp3"), "remove-button");
    waitFx(10, () -> window.queue().rows().isEmpty());
    assertTrue(engine().jobs().isEmpty(), "removed from the engine's list too");
    assertEquals(1, engine().history(0, 10).size(), "the history keeps it");
  }

  @Test
  void sermonDetailsAreOptionalAndEditedInASmallDialog(FxRobot robot) throws Exception {
    openFake();
    Path file = recording(tmp, "2024-03-31 Easter.wav", 2000);
    robot.interact(() -> window.dropHandler().accept(List.of(file)));
    waitForRowText(robot, "2024-03-31 Easter.wav", "job-details", "2024-03-31");

    click(robot, row(robot, "2024-03-31 Easter.wav"), "details-button");
    waitFx(10, () -> robot.lookup("#title-field").tryQuery().isPresent());
    robot.interact(
        () -> {
          robot
              .lookup("#title-field")
              .queryAs(javafx.scene.control.TextField.class)
              .setText("He is risen");
          robot
              .lookup("#speaker-field")
              .queryAs(javafx.scene.control.TextField.class)
              .setText("Pastor Anna");
        });
    robot.clickOn("Save");
    waitForRowText(
        robot, "2024-03-31 Easter.wav", "job-details", "He is risen · Pastor Anna · 2024-03-31");
    assertEquals("He is risen", job("2024-03-31 Easter.wav").details().title());
    assertEquals(
        java.time.LocalDate.of(2024, 3, 31),
        job("2024-03-31 Easter.wav").details().date(),
        "the date from the file name stays");
    transfer.runFreely();
    waitForRowText(robot, "2024-03-31 Easter.wav", "job-state", "done ✓");
  }

  @Test
  void pauseAndResumeButtonsPauseAndResumeTheEngineJob(FxRobot robot) throws Exception {
    openFake();
    Path file = recording(tmp, "Sunday.wav", 20L << 20);
    robot.interact(() -> window.dropHandler().accept(List.of(file)));
    waitForRowText(robot, "Sunday.wav", "job-state", "uploading");
    transfer.permits.release(1); // part 1 done, part 2 waits on the server

    click(robot, row(robot, "Sunday.wav"), "pause-button");
    transfer.permits.release(1); // the part in flight finishes; no new part starts
    waitForRowText(robot, "Sunday.wav", "job-state", "paused");
    assertEquals(JobState.PAUSED, job("Sunday.wav").state());
    assertTrue(onFx(() -> !robot.lookup("#resume-all").queryButton().isDisabled()));

    click(robot, row(robot, "Sunday.wav"), "resume-button");
    waitFx(10, () -> job("Sunday.wav").state() != JobState.PAUSED);
    transfer.runFreely();
    waitForRowText(robot, "Sunday.wav", "job-state", "done ✓");
    assertEquals(JobState.DONE, job("Sunday.wav").state());
  }

  @Test
  void aFailedJobShowsItsReasonAndRetryUploadsIt(FxRobot robot) throws Exception {
    openFake();
    transfer.failNext.set(
        UploadException.fatal("The server refused the password.", "AccessDenied", null));
    transfer.runFreely();
    Path file = recording(tmp, "Wednesday.mp3", 3000);
    robot.interact(() -> window.dropHandler().accept(List.of(file)));
    waitForRowText(robot, "Wednesday.mp3", "job-state", "failed");
    assertEquals(
        "failed: The server refused the password.",
        onFx(() -> text(row(robot, "Wednesday.mp3"), "job-state")));
    assertTrue(
        onFx(
            () ->
                row(robot, "Wednesday.mp3").lookup(".row-failed") != null
                    || row(robot, "Wednesday.mp3").getStyleClass().contains("row-failed")));

    click(robot, row(robot, "Wednesday.mp3"), "retry-button");
    waitForRowText(robot, "Wednesday.mp3", "job-state", "done ✓");
    assertEquals(JobState.DONE, job("Wednesday.mp3").state());
  }

  @Test
  void cancelAsksFirstThenAbortsTheUploadOnTheServer(FxRobot robot) throws Exception {
    openFake();
    Path file = recording(tmp, "Long sermon.wav", 20L << 20);
    robot.interact(() -> window.dropHandler().accept(List.of(file)));
    waitForRowText(robot, "Long sermon.wav", "job-state", "uploading");
    transfer.permits.release(1);
    waitForRowText(robot, "Long sermon.wav", "job-progress-text", "25%");

    click(robot, row(robot, "Long sermon.wav"), "cancel-button");
    waitFx(10, () -> robot.lookup("Keep uploading").tryQuery().isPresent());
    robot.clickOn("Keep uploading");
    Thread.sleep(300);
    assertFalse(job("Long sermon.wav").state().finished(), "answering no keeps the upload going");

    click(robot, row(robot, "Long sermon.wav"), "cancel-button");
    // the question's title says "Cancel upload" too: the button is the one to press
    waitFx(
        10, () -> robot.lookup(".button").match(hasText("Cancel upload")).tryQuery().isPresent());
    robot.clickOn(robot.lookup(".button").match(hasText("Cancel upload")).queryButton());
    transfer.permits.release(1); // the part in flight ends
    waitForRowText(robot, "Long sermon.wav", "job-state", "cancelled");
    assertTrue(
        transfer.aborted.contains("Long sermon.wav"), "the upload was aborted on the server");
  }

  @Test
  void unfinishedUploadsComeBackAfterARestartAndContinueWhereTheyStopped(FxRobot robot)
      throws Exception {
    openFake();
    Path file = recording(tmp, "Interrupted.wav", 15L << 20); // three parts
    robot.interact(() -> window.dropHandler().accept(List.of(file)));
    transfer.permits.release(1);
    waitForRowText(robot, "Interrupted.wav", "job-progress-text", "33%");
    window.shutdown(); // as closing the window mid-upload does
    window = null;

    // the same journal and the same "server", a new window
    openFake();
    waitForRowText(robot, "Interrupted.wav", "job-state", "");
    transfer.runFreely();
    waitForRowText(robot, "Interrupted.wav", "job-state", "done ✓");
    assertEquals(1, transfer.sendsByPart.get(1).get(), "part 1 was not sent again");
    assertEquals(1, onFx(() -> window.queue().rows().size()));
  }

  @Test
  void realUploadToTheEmbeddedStoreEndsDoneAndInTheHistoryWithItsSha256(FxRobot robot)
      throws Exception {
    Path data = tmp.resolve("real");
    // the real service, with its memory monitor; the status page off so parallel runs don't collide
    SettingsAccess settings = SettingsAccess.of(data, Map.of("STATUS_PORT", "0"));
    window = fx.on(settings).open();
    Path file = recording(tmp, "2024-06-02 Pentecost.mp3", 7L << 20);
    robot.interact(() -> window.dropHandler().accept(List.of(file)));
    waitForRowText(robot, "2024-06-02 Pentecost.mp3", "job-state", "done ✓");

    String sha =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    Path stored =
        data.resolve("local-store").resolve("sermons").resolve("2024-06-02 Pentecost.mp3");
    assertTrue(Files.exists(stored), "the object is in the store");
    assertEquals(
        sha,
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(stored))));

    robot.clickOn("History");
    waitFx(10, () -> !window.history().table().getItems().isEmpty());
    HistoryEntry h = onFx(() -> window.history().table().getItems().get(0));
    assertEquals("2024-06-02 Pentecost.mp3", h.fileName());
    assertEquals(sha, h.sha256());
    assertEquals(
        sha,
        onFx(
            () ->
                robot.lookup("#sha-field").queryAs(javafx.scene.control.TextField.class).getText()),
        "the full SHA-256 is shown, ready to copy");
    robot.clickOn("#copy-sha");
    assertEquals(sha, onFx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString()));
  }
}
