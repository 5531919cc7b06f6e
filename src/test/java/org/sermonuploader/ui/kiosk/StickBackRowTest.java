package org.sermonuploader.ui.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sermonuploader.ui.TestBackends.onFx;
import static org.sermonuploader.ui.TestBackends.recording;
import static org.sermonuploader.ui.TestBackends.waitFx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.model.JobState;
import org.sermonuploader.ui.FakeTransfer;
import org.sermonuploader.ui.queue.JobRowModel;
import org.sermonuploader.ui.queue.JobRowView;
import org.sermonuploader.ui.shell.MainWindow;
import org.sermonuploader.ui.shell.WindowFixture;
import org.testfx.api.FxRobot;

/** A USB stick pulled mid-upload and plugged in again: every row keeps its name and buttons. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class StickBackRowTest {
  @RegisterExtension final WindowFixture fx = new WindowFixture();
  @TempDir Path tmp;
  private MainWindow window;
  private final FakeTransfer transfer = fx.transfer();

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

  @Test
  void rowsKeepTheirNamesAndButtonsWhenTheStickComesBack(FxRobot robot) throws Exception {
    Path media = Files.createDirectories(tmp.resolve("media"));
    window = fx.onFake(tmp.resolve("data")).kiosk(true).size(800, 480).stickRoots(media).open();
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
  void aStickBackUnderAnotherMountNameKeepsItsRowWholeAndTheRowFollowsIt(FxRobot robot)
      throws Exception {
    Path media = Files.createDirectories(tmp.resolve("media"));
    window = fx.onFake(tmp.resolve("data")).kiosk(true).size(800, 480).stickRoots(media).open();
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
