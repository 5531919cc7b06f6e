package org.sermonuploader.ui.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.ui.TestBackends.onFx;
import static org.sermonuploader.ui.TestBackends.recording;
import static org.sermonuploader.ui.TestBackends.waitFx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.ui.FakeTransfer;
import org.sermonuploader.ui.queue.JobRowView;
import org.sermonuploader.ui.queue.SnapshotCoalescer;
import org.sermonuploader.ui.shell.MainWindow;
import org.sermonuploader.ui.shell.WindowFixture;
import org.testfx.api.FxRobot;

/** The kiosk's queue on a 800x480 touch screen: rows that fit, the urgent ones first. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class KioskQueueTest {
  @RegisterExtension final WindowFixture fx = new WindowFixture();
  @TempDir Path tmp;

  private MainWindow window;
  private final FakeTransfer transfer = fx.transfer();

  private void open() throws Exception {
    window = fx.onFake(tmp.resolve("data")).kiosk(true).size(800, 480).open();
  }

  private void drop(FxRobot robot, String... names) throws Exception {
    List<Path> files = new ArrayList<>();
    for (String n : names) files.add(recording(tmp, n, 3000));
    robot.interact(() -> window.dropHandler().accept(files));
  }

  private static Bounds inScene(Node n) {
    return n.localToScene(n.getBoundsInLocal());
  }

  private static boolean within(Bounds inner, Bounds outer) {
    return inner.getMinX() >= outer.getMinX() - 0.5
        && inner.getMinY() >= outer.getMinY() - 0.5
        && inner.getMaxX() <= outer.getMaxX() + 0.5
        && inner.getMaxY() <= outer.getMaxY() + 0.5;
  }

  /** What a label really draws: its text, or a shortened one ending in "…". */
  private static String drawn(Label label) {
    Text t = (Text) label.lookup(".text");
    return t == null ? "" : t.getText();
  }

  /** Names of one line; a longer name takes a second line and its row grows for it. */
  @Test
  void fiveRowsAt800x480ShowAtLeastFourWholeAndNothingIsCutOff(FxRobot robot) throws Exception {
    open();
    drop(
        robot,
        "06-02 Morning.wav",
        "06-02 Evening.wav",
        "06-02 Youth.mp3",
        "06-09 Morning.wav",
        "06-09 Guest.wav");
    waitFx(10, () -> window.queue().rows().size() == 5);
    waitFx(
        10,
        () ->
            window.queue().rows().stream()
                .anyMatch(r -> r.snapshot().state() == JobState.UPLOADING));
    robot.interact(() -> {});
    List<String> problems =
        onFx(
            () -> {
              List<String> out = new ArrayList<>();
              Scene scene = window.getScene();
              Bounds screen = new javafx.geometry.BoundingBox(0, 0, 800, 480);
              Bounds queue = inScene(scene.lookup("#queue"));
              long whole =
                  scene.getRoot().lookupAll(".job-row").stream()
                      .filter(n -> n instanceof JobRowView && n.isVisible())
                      .filter(n -> within(inScene(n), queue) && within(inScene(n), screen))
                      .count();
              if (whole < 4) {
                StringBuilder sb = new StringBuilder();
                for (String sel :
                    List.of(
                        ".main-toolbar",
                        "#notice",
                        "#drop-zone",
                        "#queue",
                        ".tab-header-area",
                        "#status-bar",
                        "#queue-footer"))
                  sb.append(sel)
                      .append(inScene(scene.lookup(sel)))
                      .append(scene.lookup(sel).isVisible())
                      .append('\n');
                scene
                    .getRoot()
                    .lookupAll(".job-row")
                    .forEach(n -> sb.append(inScene(n)).append('\n'));
                out.add("only " + whole + " of 5 rows are fully visible\n" + sb);
              }
              Label summary = (Label) scene.lookup("#summary");
              if (!within(inScene(summary), screen)) out.add("the summary sticks out");
              if (!drawn(summary).equals(summary.getText()))
                out.add("the summary is cut: '" + drawn(summary) + "'");
              Node gauge = scene.getRoot().lookup(".memory-gauge");
              if (!within(inScene(gauge), screen)) out.add("the memory gauge sticks out");
              Label level = (Label) gauge.lookup(".level-text");
              if (!drawn(level).equals(level.getText()))
                out.add("the memory level is cut: '" + drawn(level) + "'");
              return out;
            });
    assertEquals(List.of(), problems);
  }

  @Test
  void activeRowsComeFirstAndFinishedOnesFoldIntoOneLine(FxRobot robot) throws Exception {
    open();
    transfer.permits.release(3);
    drop(robot, "2024-06-02 A.wav", "2024-06-02 B.wav", "2024-06-02 C.wav");
    waitFx(
        10,
        () ->
            window.queue().rows().size() == 3
                && window.queue().rows().stream()
                    .allMatch(r -> r.snapshot().state() == JobState.DONE));
    drop(robot, "2024-06-09 Waiting.wav");
    waitFx(
        10,
        () ->
            window.queueView().shownRows().size() == 1
                && window.queueView().shownRows().get(0).snapshot().state() == JobState.UPLOADING);
    assertEquals("▸ 3 done", onFx(() -> robot.lookup("#fold-done").queryButton().getText()));

    robot.clickOn("#fold-done");
    waitFx(5, () -> window.queueView().shownRows().size() == 4);
    assertEquals(
        "2024-06-09 Waiting.wav",
        onFx(() -> window.queueView().shownRows().get(0).nameProperty().get()),
        "the row that is still going stays on top");

    robot.clickOn("#clear-finished");
    waitFx(10, () -> window.queue().rows().size() == 1);
    assertTrue(onFx(() -> !robot.lookup("#queue-footer").query().isVisible()));
  }

  private static JobSnapshot snapshot(long id, String name, JobState state, String message) {
    return new JobSnapshot(
        id,
        Path.of("/media/usb/STICK", name),
        name,
        150_000_000,
        null,
        state,
        48_000_000,
        state == JobState.UPLOADING ? 2_100_000 : 0,
        state == JobState.UPLOADING ? 49 : -1,
        message,
        null,
        null,
        null,
        0,
        0);
  }

  /** What one label of every row draws, one line per row ("…" where it was shortened). */
  private List<String> drawnOnRows(String styleClass) throws Exception {
    return onFx(
        () ->
            window.getScene().getRoot().lookupAll(".job-row").stream()
                .filter(n -> n instanceof JobRowView && n.isVisible())
                .map(n -> drawn((Label) n.lookup("." + styleClass)).replace('\n', ' ').strip())
                .sorted()
                .toList());
  }

  @Test
  void namesThatDifferAtTheEndAndWhatToDoAreReadWhole(FxRobot robot) throws Exception {
    open();
    String simpson = "ZOOM0001 Morning service Simpson.WAV";
    String thompson = "ZOOM0001 Morning service Thompson.WAV";
    robot.interact(
        () ->
            window
                .queue()
                .apply(
                    new SnapshotCoalescer.Batch(
                        List.of(),
                        List.of(
                            snapshot(901, simpson, JobState.UPLOADING, null),
                            snapshot(
                                902,
                                thompson,
                                JobState.WAITING_FOR_FILE,
                                "insert the USB stick again")),
                        List.of())));
    waitFx(5, () -> window.queueView().shownRows().size() == 2);
    robot.interact(() -> {});
    assertEquals(List.of(simpson, thompson), drawnOnRows("job-name"));
    assertEquals(
        List.of("uploading", "waiting for the file: insert the USB stick again"),
        drawnOnRows("job-state"));
    assertEquals(List.of("32%", "32% · 2.1 MB/s · 49 s left"), drawnOnRows("job-progress-text"));
  }

  @Test
  void historyShowsLongNamesWholeOnTheSmallScreen(FxRobot robot) throws Exception {
    open();
    transfer.runFreely();
    String name = "ZOOM0001 Morning service with the choir Pastor Thompson.WAV";
    drop(robot, name);
    waitFx(
        20,
        () ->
            window.queue().rows().size() == 1
                && window.queue().rows().get(0).snapshot().state() == JobState.DONE);
    robot.clickOn("History");
    waitFx(10, () -> window.history().table().getItems().size() == 1);
    robot.interact(() -> {});
    List<String> problems =
        onFx(
            () -> {
              List<String> out = new ArrayList<>();
              Text shown =
                  window.history().table().lookupAll(".wrapping-cell-text").stream()
                      .map(n -> (Text) n)
                      .filter(t -> name.equals(t.getText()))
                      .findFirst()
                      .orElse(null);
              if (shown == null) return List.of("the name is not shown whole");
              Node cell = shown.getParent();
              Bounds text = inScene(shown);
              if (!within(text, inScene(cell))) out.add("the name sticks out of its cell");
              if (!within(text, new javafx.geometry.BoundingBox(0, 0, 800, 480)))
                out.add("the name is off the screen");
              if (shown.getFont().getSize() < 17.5) out.add("small print");
              return out;
            });
    assertEquals(List.of(), problems);
  }

  @Test
  void theEmptyListSpeaksOfTappingNotDropping(FxRobot robot) throws Exception {
    open();
    String text = onFx(() -> ((Label) window.queueView().getPlaceholder()).getText());
    assertTrue(text.startsWith("Tap"), text);
  }

  @Test
  void tappingTheDropZoneOpensTheTouchChooserNotTheDesktopOne(FxRobot robot) throws Exception {
    open();
    robot.clickOn("#drop-zone");
    waitFx(10, () -> robot.lookup("#touch-chooser").tryQuery().isPresent());
    Button home =
        onFx(() -> (Button) robot.lookup("Home folder").match(n -> n instanceof Button).query());
    assertTrue(onFx(() -> home.getHeight() >= 48));
    robot.clickOn("#chooser-cancel");
    waitFx(5, () -> robot.lookup("#touch-chooser").tryQuery().isEmpty());
  }
}
