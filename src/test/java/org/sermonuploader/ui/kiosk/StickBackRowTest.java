package org.sermonuploader.ui.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.ui.TestBackends.onFx;
import static org.sermonuploader.ui.TestBackends.recording;
import static org.sermonuploader.ui.TestBackends.waitFx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.bandwidth.Bandwidth;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.PressureLevel;
import org.sermonuploader.ui.Background;
import org.sermonuploader.ui.FakeTransfer;
import org.sermonuploader.ui.TestBackends;
import org.sermonuploader.ui.Theme;
import org.sermonuploader.ui.queue.JobRowModel;
import org.sermonuploader.ui.queue.JobRowView;
import org.sermonuploader.ui.settings.SettingsAccess;
import org.sermonuploader.ui.shell.MainWindow;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A USB stick pulled mid-upload and plugged in again: every row keeps its name and buttons. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class StickBackRowTest {
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

  /** Rows on the screen that show no name, another row's name, or no button at all. FX thread. */
  private List<String> blankRows() {
    List<String> out = new ArrayList<>();
    for (Node n : window.queueView().lookupAll(".list-cell")) {
      ListCell<?> c = (ListCell<?>) n;
      if (c.getParent() == null || !c.getParent().isVisible() || c.isEmpty()) continue;
      JobRowModel item = (JobRowModel) c.getItem();
      String state = item.snapshot().state().toString();
      if (!(c.getGraphic() instanceof JobRowView view) || !view.isVisible()) {
        out.add(state + ": no row");
        continue;
      }
      String name = ((Label) view.lookup(".job-name")).getText();
      if (!item.nameProperty().get().equals(name)) out.add(state + ": name '" + name + "'");
      if (view.lookupAll(".row-button").stream()
          .noneMatch(b -> b instanceof Button && b.isVisible())) out.add(state + ": no buttons");
    }
    return out;
  }

  private void open(FxRobot robot, Path media) throws Exception {
    CountDownLatch ready = new CountDownLatch(1);
    robot.interact(
        () -> {
          window =
              new MainWindow(
                  Background.pool("test-ui", 3),
                  TestBackends.fixedMemory(PressureLevel.NORMAL),
                  SettingsAccess.of(tmp.resolve("data"), Map.of()));
          window.setPopups(false);
          window.setKiosk(true);
          Theme.style(window);
          stage.setScene(new Scene(window, 800, 480));
          stage.setWidth(800);
          stage.setHeight(480);
          stage.show();
          window.start(
              TestBackends.fake(
                  tmp.resolve("data"), transfer, Bandwidth.unlimited(), List.of(media)),
              ready::countDown);
        });
    assertTrue(ready.await(20, TimeUnit.SECONDS), "the engine did not start");
  }

  @Test
  void rowsKeepTheirNamesAndButtonsWhenTheStickComesBack(FxRobot robot) throws Exception {
    Path media = Files.createDirectories(tmp.resolve("media"));
    open(robot, media);
    Path stick = Files.createDirectories(media.resolve("STICK"));
    Path a = recording(stick, "ZOOM0001.WAV", 12L << 20);
    Path b = recording(stick, "ZOOM0002.WAV", 12L << 20);
    robot.interact(() -> window.dropHandler().accept(List.of(a, b)));
    waitFx(10, () -> window.queue().rows().size() == 2);

    // the stick is pulled while the first part is on its way
    Path away = Files.createDirectories(tmp.resolve("away"));
    for (Path f : List.of(a, b)) {
      Files.copy(f, away.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
      Files.delete(f);
    }
    transfer.permits.release(3);
    waitFx(
        20,
        () ->
            window.queue().rows().stream()
                .anyMatch(r -> r.snapshot().state() == JobState.WAITING_FOR_FILE));
    List<String> seen = new ArrayList<>();
    seen.addAll(onFx(this::blankRows));

    // and plugged in again: the rows are watched until the upload is through
    for (Path f : List.of(a, b))
      Files.copy(away.resolve(f.getFileName()), f, StandardCopyOption.COPY_ATTRIBUTES);
    transfer.runFreely();
    waitFx(
        30,
        () -> {
          seen.addAll(blankRows());
          return window.queue().rows().stream().allMatch(r -> r.snapshot().state().finished());
        });
    assertEquals(List.of(), seen);
  }

  @Test
  void aStickBackUnderAnotherMountNameKeepsItsRowsWholeAndTheRowsFollowIt(FxRobot robot)
      throws Exception {
    Path media = Files.createDirectories(tmp.resolve("media"));
    open(robot, media);
    Path stick = Files.createDirectories(media.resolve("STICK"));
    Path a = recording(stick, "ZOOM0001.WAV", 12L << 20);
    robot.interact(() -> window.dropHandler().accept(List.of(a)));
    waitFx(10, () -> window.queue().rows().size() == 1);

    // pulled mid-upload, and mounted again as STICK1, as a desktop does when the old mount
    // point was not cleaned up in time
    Path away = tmp.resolve("away");
    transfer.permits.release(1);
    waitFx(10, () -> window.queue().rows().get(0).snapshot().bytesDone() > 0);
    Files.move(stick, away);
    transfer.permits.release(2); // the engine finds the file gone at the latest before completing
    waitFx(20, () -> window.queue().rows().get(0).snapshot().state() == JobState.WAITING_FOR_FILE);
    List<String> seen = new ArrayList<>(onFx(this::blankRows));
    Path back = media.resolve("STICK1");
    Files.move(away, back);
    transfer.runFreely();
    waitFx(
        30,
        () -> {
          seen.addAll(blankRows());
          return window.queue().rows().get(0).snapshot().state() == JobState.DONE;
        });
    assertEquals(List.of(), seen);
    assertEquals(back.resolve("ZOOM0001.WAV"), onFx(() -> window.queue().rows().get(0).path()));
  }
}
