package org.sermonuploader.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sermonuploader.ui.TestBackends.onFx;
import static org.sermonuploader.ui.TestBackends.waitFx;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.model.JobState;
import org.sermonuploader.ui.FakeTransfer;
import org.sermonuploader.ui.TestBackends;
import org.sermonuploader.ui.queue.JobRowModel;
import org.testfx.api.FxRobot;

/** The desktop window opens at a useful size, and the upload under way stays in view. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WindowSizeTest {
  private static final Rectangle2D LAPTOP = new Rectangle2D(0, 0, 1280, 800);
  private static final Rectangle2D KIOSK = new Rectangle2D(0, 0, 800, 480);

  @RegisterExtension final WindowFixture fx = new WindowFixture();

  @TempDir Path tmp;
  private MainWindow window;
  private final FakeTransfer transfer = fx.transfer();

  @Test
  void opensAt70PercentOfTheScreenThenAsTheVolunteerLeftIt(FxRobot robot) throws Exception {
    Stage stage = fx.stage();
    Path data = tmp.resolve("data");
    assertEquals(Optional.empty(), WindowSize.read(data), "nothing kept before the first start");
    WindowSize first = WindowSize.toOpen(WindowSize.read(data), LAPTOP);
    assertEquals(new WindowSize(896, 560), first);
    robot.interact(
        () -> {
          stage.setScene(new Scene(new javafx.scene.layout.StackPane()));
          first.apply(stage, LAPTOP);
          stage.show();
        });
    assertEquals(896, onFx(stage::getWidth));
    assertEquals(560, onFx(stage::getHeight));
    assertEquals(192, onFx(stage::getX), "centred");
    assertEquals(120, onFx(stage::getY), "centred");

    robot.interact(
        () -> {
          stage.setWidth(1100);
          stage.setHeight(700);
        });
    onFx(() -> WindowSize.leftAt(stage)).orElseThrow().write(data);
    assertEquals(
        new WindowSize(1100, 700), WindowSize.toOpen(WindowSize.read(data), LAPTOP), "kept");
    // a size kept on a bigger screen fits the small one, buttons and all
    assertEquals(new WindowSize(800, 480), WindowSize.toOpen(WindowSize.read(data), KIOSK));
    assertEquals(new WindowSize(800, 480), WindowSize.toOpen(Optional.empty(), KIOSK));
  }

  @Test
  void theUploadUnderWayAndNewFilesComeBeforeFinishedRows(FxRobot robot) throws Exception {
    window = fx.onFake(tmp.resolve("data")).size(1280 * 0.7, 800 * 0.7).open();
    Path dir = java.nio.file.Files.createDirectories(tmp.resolve("in"));
    for (String n : List.of("a.wav", "b.wav")) {
      Path f = TestBackends.recording(dir, n, 4096);
      robot.interact(() -> window.dropHandler().accept(List.of(f)));
    }
    transfer.permits.release(2);
    waitFx(10, () -> doneRows() == 2);
    for (String n : List.of("c.wav", "d.wav", "e.wav")) {
      Path f = TestBackends.recording(dir, n, 4096);
      robot.interact(() -> window.dropHandler().accept(List.of(f)));
    }
    waitFx(10, () -> shown().size() == 5 && stateOf("c.wav") == JobState.UPLOADING);
    assertEquals(List.of("c.wav", "d.wav", "e.wav", "a.wav", "b.wav"), onFx(this::shown));
  }

  private int doneRows() {
    return (int)
        window.queueView().shownRows().stream()
            .filter(r -> r.stateProperty().get() == JobState.DONE)
            .count();
  }

  private JobState stateOf(String name) {
    return window.queueView().shownRows().stream()
        .filter(r -> r.nameProperty().get().equals(name))
        .map(r -> r.stateProperty().get())
        .findFirst()
        .orElse(null);
  }

  private List<String> shown() {
    return window.queueView().shownRows().stream()
        .map(JobRowModel::nameProperty)
        .map(p -> p.get())
        .toList();
  }
}
