package org.sermonuploader.ui.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.ui.TestBackends.onFx;
import static org.sermonuploader.ui.TestBackends.recording;
import static org.sermonuploader.ui.TestBackends.waitFx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.ui.Background;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The kiosk's own file chooser: big places, finger-high rows with ticks, Add and Cancel. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TouchFileChooserTest {
  @TempDir Path tmp;

  private Stage owner;
  private TouchFileChooser chooser;
  private final AtomicReference<List<Path>> added = new AtomicReference<>();

  @Start
  void start(Stage stage) {
    owner = stage;
    stage.setWidth(800);
    stage.setHeight(480);
    stage.show();
  }

  @AfterEach
  void close(FxRobot robot) {
    robot.interact(
        () -> {
          for (Window w : new ArrayList<>(Window.getWindows()))
            if (w != owner && w instanceof Stage s) s.close();
        });
  }

  private void open(FxRobot robot, List<TouchFileChooser.Place> places) {
    robot.interact(
        () -> {
          chooser =
              new TouchFileChooser(
                  owner,
                  places,
                  Background.pool("test-chooser", 1),
                  Platform::runLater,
                  added::set);
          chooser.show();
        });
  }

  private List<Node> rows() throws Exception {
    return onFx(() -> List.copyOf(chooser.stage().getScene().getRoot().lookupAll(".chooser-row")));
  }

  private Node row(String name) throws Exception {
    return onFx(
        () ->
            chooser.stage().getScene().getRoot().lookupAll(".chooser-row").stream()
                .filter(r -> ((Label) r.lookup(".usb-name")).getText().startsWith(name))
                .findFirst()
                .orElseThrow());
  }

  @Test
  void sticksAndHomeAreBigButtonsAndTickedRecordingsAreAdded(FxRobot robot) throws Exception {
    Path stick = Files.createDirectories(tmp.resolve("RECORDER"));
    Path record = Files.createDirectories(stick.resolve("RECORD"));
    Path a = recording(record, "2024-06-02 Morning.wav", 1000);
    recording(record, "2024-06-02 Evening.mp3", 1000);
    Path c = recording(record, "2024-06-09 Morning.wav", 1000);
    Files.writeString(record.resolve("notes.txt"), "not a recording");
    Path home = Files.createDirectories(tmp.resolve("home"));
    open(
        robot,
        List.of(
            new TouchFileChooser.Place("USB stick RECORDER", stick),
            new TouchFileChooser.Place("Home folder", home)));

    for (String place : List.of("USB stick RECORDER", "Home folder")) {
      Button b = onFx(() -> (Button) robot.lookup(place).match(n -> n instanceof Button).query());
      assertTrue(onFx(() -> b.getHeight() >= 48), place + " is a big button");
    }
    waitFx(5, () -> rows().size() == 1);
    robot.clickOn(row("RECORD"));
    waitFx(5, () -> rows().size() == 3);
    for (Node r : rows())
      assertTrue(onFx(() -> r.getBoundsInLocal().getHeight() >= 48), "rows a finger high");
    assertEquals(
        List.of("2024-06-02 Evening.mp3", "2024-06-02 Morning.wav", "2024-06-09 Morning.wav"),
        onFx(() -> rows().stream().map(r -> ((Label) r.lookup(".usb-name")).getText()).toList()),
        "recordings only, by name; the text file is left out");

    robot.clickOn(row("2024-06-02 Morning"));
    robot.clickOn(row("2024-06-09 Morning"));
    Button add = onFx(() -> (Button) chooser.stage().getScene().lookup("#chooser-add"));
    assertEquals("Add 2 recordings", onFx(add::getText));
    robot.clickOn(add);
    waitFx(5, () -> added.get() != null);
    assertEquals(List.of(a, c), added.get());
    assertTrue(onFx(() -> !chooser.stage().isShowing()));
  }

  @Test
  void cancelAddsNothing(FxRobot robot) throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home"));
    recording(home, "x.wav", 1000);
    open(robot, List.of(new TouchFileChooser.Place("Home folder", home)));
    waitFx(5, () -> rows().size() == 1);
    robot.clickOn(row("x.wav"));
    robot.clickOn("#chooser-cancel");
    waitFx(5, () -> !chooser.stage().isShowing());
    assertEquals(null, added.get());
  }
}
