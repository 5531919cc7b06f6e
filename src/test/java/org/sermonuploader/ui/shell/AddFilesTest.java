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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.model.Stick;
import org.sermonuploader.ui.Background;
import org.sermonuploader.ui.TestBackends;
import org.testfx.api.FxRobot;

/** Add files… opens where recordings are, and a folder chosen adds its recordings. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AddFilesTest {
  @RegisterExtension final WindowFixture fx = new WindowFixture();
  @TempDir Path tmp;
  private MainWindow window;

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
                      fx::stage,
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
    Answers answers = new Answers();
    answers.folder = folder;
    window = fx.onFake(data).size(800, 480).beforeShow(w -> w.dropZone().setPicker(answers)).open();
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
