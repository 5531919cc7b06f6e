package org.sermonuploader.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.ui.TestBackends.onFx;
import static org.sermonuploader.ui.TestBackends.waitFx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.model.PressureLevel;
import org.sermonuploader.model.Stick;
import org.sermonuploader.ui.Background;
import org.sermonuploader.ui.FakeTransfer;
import org.sermonuploader.ui.TestBackends;
import org.sermonuploader.ui.Theme;
import org.sermonuploader.ui.settings.SettingsAccess;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Add files… opens where recordings are, and a folder chosen adds its recordings. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AddFilesTest {
  @TempDir Path tmp;
  private Stage stage;
  private MainWindow window;
  private final FakeTransfer transfer = new FakeTransfer();

  /** Stands for the platform's choosers: notes where each opened, answers what it is told. */
  private static final class Answers implements DropZone.Picker {
    final List<Path> openedOn = new CopyOnWriteArrayList<>();
    List<Path> files = List.of();
    Path folder;

    @Override
    public List<Path> files(Window owner, Path start, List<String> patterns) {
      openedOn.add(start);
      return files;
    }

    @Override
    public Path folder(Window owner, Path start) {
      openedOn.add(start);
      return folder;
    }
  }

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
  void opensOnTheStickOrTheLastFolderNeverOnRecent(FxRobot robot) throws Exception {
    Path stickRoot = Files.createDirectories(tmp.resolve("media").resolve("CHURCH"));
    Path sermons = Files.createDirectories(tmp.resolve("Sermons"));
    Path onStick = Files.createDirectories(stickRoot.resolve("ZOOM"));
    List<Stick> plugged = new ArrayList<>();
    List<List<Path>> added = new CopyOnWriteArrayList<>();
    Answers answers = new Answers();
    DropZone zone =
        onFx(
            () -> {
              DropZone z =
                  new DropZone(
                      new SimpleBooleanProperty(false),
                      Background.pool("test-ui", 1),
                      Runnable::run,
                      () -> List.copyOf(plugged),
                      () -> stage,
                      added::add);
              z.setPicker(answers);
              return z;
            });
    Path home = Path.of(System.getProperty("user.home"));

    robot.interact(zone::chooseFiles);
    assertEquals(home, answers.openedOn.get(0), "nothing chosen yet, no stick: home");

    answers.files = List.of(sermons.resolve("a.wav"), sermons.resolve("b.wav"));
    robot.interact(zone::chooseFiles);
    assertEquals(List.of(answers.files), added);
    robot.interact(zone::chooseFiles);
    assertEquals(sermons, answers.openedOn.get(2), "the last folder chosen from");

    plugged.add(new Stick(stickRoot, "CHURCH", "1"));
    robot.interact(zone::chooseFiles);
    assertEquals(stickRoot, answers.openedOn.get(3), "a stick plugged in: the stick");
    answers.files = List.of(onStick.resolve("ZOOM0001.WAV"));
    robot.interact(zone::chooseFiles);
    robot.interact(zone::chooseFiles);
    assertEquals(onStick, answers.openedOn.get(5), "the last folder, on the stick");
  }

  @Test
  void aFolderChosenAddsItsRecordingsAsADropDoes(FxRobot robot) throws Exception {
    Path data = tmp.resolve("data");
    Path folder = Files.createDirectories(tmp.resolve("Sunday"));
    TestBackends.recording(folder, "Morning.wav", 4096);
    TestBackends.recording(folder, "Evening.mp3", 4096);
    Files.writeString(folder.resolve("notes.txt"), "not a recording");
    CountDownLatch ready = new CountDownLatch(1);
    Answers answers = new Answers();
    answers.folder = folder;
    robot.interact(
        () -> {
          window =
              new MainWindow(
                  Background.pool("test-ui", 3),
                  TestBackends.fixedMemory(PressureLevel.NORMAL),
                  SettingsAccess.of(data, Map.of()));
          window.setPopups(false);
          window.dropZone().setPicker(answers);
          Theme.style(window);
          stage.setScene(new Scene(window, 800, 480));
          stage.show();
          window.start(TestBackends.fake(data, transfer), ready::countDown);
        });
    assertTrue(ready.await(20, TimeUnit.SECONDS));
    assertTrue(onFx(() -> robot.lookup("#add-folder").queryButton().isVisible()));
    robot.clickOn("#add-folder");
    waitFx(10, () -> window.queueView().shownRows().size() == 2);
    assertEquals(
        List.of("Evening.mp3", "Morning.wav"),
        onFx(
            () ->
                window.queueView().shownRows().stream()
                    .map(r -> r.nameProperty().get())
                    .sorted()
                    .toList()));
    // the kiosk's touch chooser takes folders itself
    robot.interact(() -> window.setKiosk(true));
    assertFalse(onFx(() -> robot.lookup("#add-folder").queryButton().isVisible()));
  }
}
