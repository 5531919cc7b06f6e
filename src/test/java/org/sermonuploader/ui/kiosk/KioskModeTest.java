package org.sermonuploader.ui.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.ui.TestBackends.onFx;
import static org.sermonuploader.ui.TestBackends.recording;
import static org.sermonuploader.ui.TestBackends.waitFx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.input.MouseButton;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.ui.FakeTransfer;
import org.sermonuploader.ui.NoticeBanner;
import org.sermonuploader.ui.TestBackends;
import org.sermonuploader.ui.queue.JobRowView;
import org.sermonuploader.ui.settings.SettingsAccess;
import org.sermonuploader.ui.shell.MainWindow;
import org.sermonuploader.ui.shell.WindowFixture;
import org.testfx.api.FxRobot;

/** Kiosk mode: big targets and text that fit 800x480 and up, and the way out (long press, PIN). */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class KioskModeTest {
  @RegisterExtension final WindowFixture fx = new WindowFixture();
  @TempDir Path tmp;

  private MainWindow window;
  private SettingsAccess settings;
  private final FakeTransfer transfer = fx.transfer();

  private void open(double w, double h) throws Exception {
    settings = SettingsAccess.of(tmp.resolve("data"), Map.of());
    window =
        fx.on(settings, TestBackends.fake(tmp.resolve("data"), transfer))
            .kiosk(true)
            .size(w, h)
            .open();
  }

  /** One uploading, one failed (Retry and Remove), one waiting: every kind of row button shows. */
  private void fillQueue(FxRobot robot) throws Exception {
    transfer.failNext.set(
        UploadException.fatal("The server refused the password.", "AccessDenied", null));
    transfer.permits.release(1);
    Path failed =
        recording(tmp, "2024-05-05 Failed because of a long name that does not fit.wav", 3000);
    robot.interact(() -> window.dropHandler().accept(List.of(failed)));
    waitFx(
        10,
        () ->
            window.queue().rows().size() == 1
                && window.queue().rows().get(0).snapshot().state().finished());
    // no pop-up with small print in kiosk mode: the big banner says it
    waitFx(
        5,
        () ->
            robot
                .lookup("#notice")
                .queryAs(NoticeBanner.class)
                .text()
                .equals(
                    "Upload failed: 2024-05-05 Failed because of a long name that does not fit.wav: The server refused the password."));
    Path big = recording(tmp, "2024-05-12 Morning service.wav", 12L << 20);
    Path small = recording(tmp, "2024-05-12 Evening.mp3", 2000);
    robot.interact(() -> window.dropHandler().accept(List.of(big, small)));
    waitFx(10, () -> window.queue().rows().size() == 3);
    robot.interact(() -> {});
  }

  private static boolean shown(Node n) {
    for (Node p = n; p != null; p = p.getParent()) if (!p.isVisible()) return false;
    return true;
  }

  private static List<Node> all(Parent root) {
    List<Node> out = new ArrayList<>();
    List<Node> todo = new ArrayList<>(List.of(root));
    while (!todo.isEmpty()) {
      Node n = todo.remove(todo.size() - 1);
      out.add(n);
      if (n instanceof Parent parent) todo.addAll(parent.getChildrenUnmodifiable());
    }
    return out;
  }

  private static Bounds inScene(Node n) {
    return n.localToScene(n.getBoundsInLocal());
  }

  private static String where(Node n) {
    Bounds b = inScene(n);
    String what =
        n.getId() != null ? "#" + n.getId() : n.getClass().getSimpleName() + n.getStyleClass();
    if (n instanceof Labeled labeled) what += " '" + labeled.getText() + "'";
    return what
        + String.format(
            " at %.0f,%.0f %.0fx%.0f", b.getMinX(), b.getMinY(), b.getWidth(), b.getHeight());
  }

  /** Everything a volunteer needs is on screen, big enough, with big enough text. */
  private void assertTouchLayout(double w, double h) throws Exception {
    List<String> problems =
        onFx(
            () -> {
              List<String> out = new ArrayList<>();
              Scene scene = window.getScene();
              for (String id :
                  List.of(
                      "add-files",
                      "pause-all",
                      "resume-all",
                      "summary",
                      "kiosk-exit",
                      "drop-zone",
                      "queue",
                      "status-bar")) {
                Node n = scene.lookup("#" + id);
                if (n == null || !shown(n)) {
                  out.add("#" + id + " is not shown");
                  continue;
                }
                Bounds b = inScene(n);
                if (b.getMinX() < -0.5
                    || b.getMinY() < -0.5
                    || b.getMaxX() > w + 0.5
                    || b.getMaxY() > h + 0.5
                    || b.getWidth() < 1
                    || b.getHeight() < 1) {
                  out.add(where(n) + " is cut off by the " + (int) w + "x" + (int) h + " window");
                }
              }
              for (Node tab : scene.getRoot().lookupAll(".tab")) {
                Bounds b = inScene(tab);
                if (b.getHeight() < 48) out.add("tab " + where(tab) + " is lower than 48 px");
                if (b.getMaxX() > w) out.add("tab " + where(tab) + " is cut off");
              }
              Node level = scene.getRoot().lookup(".level-text");
              if (level == null || !shown(level) || inScene(level).getMaxX() > w + 0.5)
                out.add("the memory level is not shown whole");
              if (shown(scene.lookup("#open-settings")))
                out.add("Settings is offered in kiosk mode");

              // the toolbar's controls sit side by side, none on top of another
              List<Node> bar = new ArrayList<>();
              for (String id :
                  List.of("add-files", "pause-all", "resume-all", "summary", "kiosk-exit"))
                bar.add(scene.lookup("#" + id));
              for (int i = 0; i < bar.size(); i++) {
                for (int j = i + 1; j < bar.size(); j++) {
                  Bounds a = inScene(bar.get(i));
                  Bounds b = inScene(bar.get(j));
                  if (a.getMaxX() > b.getMinX() + 0.5 && b.getMaxX() > a.getMinX() + 0.5)
                    out.add(where(bar.get(i)) + " overlaps " + where(bar.get(j)));
                }
              }

              Bounds queue = inScene(scene.lookup("#queue"));
              for (Node n : all(scene.getRoot())) {
                if (!shown(n)) continue;
                Bounds b = inScene(n);
                if (n instanceof Button) {
                  if (b.getHeight() < 47.5 || b.getWidth() < 47.5)
                    out.add("button " + where(n) + " is smaller than 48x48");
                  if (b.getMaxX() > w + 0.5) out.add("button " + where(n) + " is cut off");
                  boolean inRow = n.getStyleClass().contains("row-button");
                  if (inRow
                      && (b.getMaxX() > queue.getMaxX() + 0.5 || b.getMinX() < queue.getMinX())) {
                    out.add("row button " + where(n) + " sticks out of the queue");
                  }
                }
                if (n instanceof Labeled labeled
                    && labeled.getText() != null
                    && !labeled.getText().isEmpty()
                    && labeled.getFont().getSize() < 17.5) {
                  out.add(where(n) + " has " + labeled.getFont().getSize() + " px text");
                }
                if (n instanceof Text text
                    && text.getText() != null
                    && !text.getText().isEmpty()
                    && text.getFont().getSize() < 17.5) {
                  out.add("text '" + text.getText() + "' is " + text.getFont().getSize() + " px");
                }
              }
              return out;
            });
    assertEquals(List.of(), problems, "at " + (int) w + "x" + (int) h);
  }

  @Test
  void at800x480EverythingFitsWithFingerSizedTargetsAndLargeText(FxRobot robot) throws Exception {
    open(800, 480);
    fillQueue(robot);
    assertTouchLayout(800, 480);
    // the failed row's Retry and Remove and the uploading row's Pause and Cancel are among them
    assertTrue(
        onFx(
            () ->
                window.getScene().getRoot().lookupAll(".retry-button").stream()
                    .anyMatch(KioskModeTest::shown)));
    assertTrue(
        onFx(
            () ->
                window.getScene().getRoot().lookupAll(".cancel-button").stream()
                    .anyMatch(KioskModeTest::shown)));

    transfer.runFreely();
    waitFx(20, () -> window.queue().rows().stream().allMatch(r -> r.snapshot().state().finished()));
    waitFx(
        5,
        () ->
            robot
                .lookup("#notice")
                .queryAs(NoticeBanner.class)
                .text()
                .equals("Uploads finished: 2 recordings are on the server."));
    robot.clickOn("History");
    waitFx(10, () -> window.history().table().getItems().size() >= 2);
    assertTrue(
        onFx(() -> window.history().table().getContextMenu() == null),
        "no right-click menu in kiosk mode");
    List<String> small =
        onFx(
            () -> {
              List<String> out = new ArrayList<>();
              for (Node n : all(window.getScene().getRoot())) {
                if (shown(n)
                    && n instanceof Text text
                    && text.getText() != null
                    && !text.getText().isEmpty()
                    && text.getFont().getSize() < 17.5) {
                  out.add(text.getText());
                }
              }
              return out;
            });
    assertEquals(List.of(), small, "the history's text is large too");
  }

  @Test
  void at1280x720And1920x1080TooEverythingFits(FxRobot robot) throws Exception {
    open(1280, 720);
    fillQueue(robot);
    assertTouchLayout(1280, 720);
    // the test screen is smaller than 1920x1080: lay the window out in a scene of that size
    robot.interact(
        () -> {
          window.getScene().setRoot(new javafx.scene.layout.StackPane());
          new Scene(window, 1920, 1080);
          window.applyCss();
          window.layout();
          window.applyCss();
          window.layout();
        });
    assertTouchLayout(1920, 1080);
  }

  @Test
  void removingARowAsksFirstInKioskMode(FxRobot robot) throws Exception {
    open(800, 480);
    fillQueue(robot);
    // its long name and message take two lines each: the list shows the row whole first
    robot.interact(
        () ->
            window
                .queueView()
                .scrollTo(
                    window.queueView().shownRows().stream()
                        .filter(r -> r.nameProperty().get().startsWith("2024-05-05 Failed"))
                        .findFirst()
                        .orElseThrow()));
    Button remove =
        onFx(
            () ->
                (Button)
                    robot.lookup(".job-row").queryAllAs(JobRowView.class).stream()
                        .filter(r -> r.model().nameProperty().get().startsWith("2024-05-05 Failed"))
                        .findFirst()
                        .orElseThrow()
                        .lookup(".remove-button"));
    robot.clickOn(remove);
    waitFx(10, () -> robot.lookup("Keep it").tryQuery().isPresent());
    robot.clickOn("Keep it");
    Thread.sleep(300);
    assertEquals(3, (int) onFx(() -> window.queue().rows().size()), "answering no keeps the row");

    robot.clickOn(remove);
    waitFx(
        10,
        () ->
            robot
                .lookup("Remove")
                .match(n -> n instanceof Button button && button.getScene() != window.getScene())
                .tryQuery()
                .isPresent());
    robot.clickOn(
        robot
            .lookup("Remove")
            .match(n -> n instanceof Button button && button.getScene() != window.getScene())
            .queryButton());
    waitFx(10, () -> window.queue().rows().size() == 2);
  }

  private void hold(FxRobot robot, String id, long millis) throws Exception {
    robot.moveTo("#" + id);
    robot.press(MouseButton.PRIMARY);
    Thread.sleep(millis);
    robot.release(MouseButton.PRIMARY);
  }

  @Test
  void aShortTapOnTheLockOnlyExplainsAndALongPressWithoutAPinAsksToConfirm(FxRobot robot)
      throws Exception {
    open(800, 480);
    hold(robot, "kiosk-exit", 200);
    waitFx(
        5,
        () ->
            robot
                .lookup("#notice")
                .queryAs(NoticeBanner.class)
                .text()
                .equals("To leave kiosk mode, hold the lock for three seconds."));
    assertTrue(onFx(() -> window.isKiosk()));

    hold(robot, "kiosk-exit", 3300);
    waitFx(10, () -> robot.lookup("Stay in kiosk mode").tryQuery().isPresent());
    robot.clickOn("Stay in kiosk mode");
    assertTrue(onFx(() -> window.isKiosk()));

    hold(robot, "kiosk-exit", 3300);
    waitFx(
        10,
        () ->
            robot
                .lookup("Leave kiosk mode")
                .match(n -> n instanceof Button)
                .tryQuery()
                .isPresent());
    robot.clickOn(robot.lookup("Leave kiosk mode").match(n -> n instanceof Button).queryButton());
    waitFx(5, () -> !window.isKiosk());
    assertTrue(onFx(() -> robot.lookup("#open-settings").query().isVisible()), "Settings are back");
    assertFalse(onFx(() -> robot.lookup("#kiosk-exit").query().isVisible()));
    assertFalse(onFx(() -> window.getStyleClass().contains("kiosk")));
  }

  @Test
  void withAPinSetOnlyThatPinTypedOnTheKeypadLetsTheUserOut(FxRobot robot) throws Exception {
    open(800, 480);
    settings.save(Settings.defaults().with(Setting.KIOSK_PIN_HASH, KioskPin.hash("2468")));

    hold(robot, "kiosk-exit", 3300);
    waitFx(10, () -> robot.lookup("#pin-ok").tryQuery().isPresent());
    Stage pinStage = onFx(() -> (Stage) robot.lookup("#pin-ok").query().getScene().getWindow());
    assertTrue(
        onFx(() -> pinStage.getWidth() <= 800 && pinStage.getHeight() <= 480),
        "the keypad fits the screen");
    assertTrue(onFx(() -> robot.lookup("#pin-5").queryButton().getHeight() >= 48));
    for (String key : List.of("pin-1", "pin-2", "pin-3", "pin-4", "pin-ok"))
      robot.clickOn("#" + key);
    waitFx(
        10,
        () ->
            robot
                .lookup("#pin-message")
                .queryAs(Label.class)
                .getText()
                .startsWith("That PIN is not right."));
    assertTrue(onFx(() -> window.isKiosk()));
    assertEquals(
        "",
        onFx(
            () ->
                robot
                    .lookup("#kiosk-pin")
                    .queryAs(javafx.scene.control.PasswordField.class)
                    .getText()));

    robot.clickOn("#pin-2");
    assertEquals(
        "",
        onFx(() -> robot.lookup("#pin-message").queryAs(Label.class).getText()),
        "the wrong-PIN message goes once a new PIN is typed");
    for (String key : List.of("pin-4", "pin-6", "pin-9", "pin-delete", "pin-8", "pin-ok"))
      robot.clickOn("#" + key);
    waitFx(10, () -> !window.isKiosk());
    assertFalse(onFx(pinStage::isShowing));
  }

  @Test
  void kioskModeFillsTheScreenAndIgnoresCloseRequestsUntilLeft(FxRobot robot) throws Exception {
    open(800, 480);
    KioskMode mode = onFx(() -> new KioskMode(fx.stage(), window.kioskProperty()));
    robot.interact(mode::enter);
    assertTrue(onFx(fx.stage()::isFullScreen));
    robot.interact(
        () -> fx.stage().fireEvent(new WindowEvent(fx.stage(), WindowEvent.WINDOW_CLOSE_REQUEST)));
    assertTrue(onFx(fx.stage()::isShowing), "closing is refused in kiosk mode");
    robot.interact(mode::leave);
    assertFalse(onFx(fx.stage()::isFullScreen));
    assertFalse(onFx(() -> window.isKiosk()));
  }

  /** Every button of a window lies inside the 800x480 screen (here: the kiosk stage). */
  private void assertButtonsInside(Window dialog, String what) throws Exception {
    List<String> outside =
        onFx(
            () -> {
              List<String> out = new ArrayList<>();
              double x0 = fx.stage().getX();
              double y0 = fx.stage().getY();
              for (Node n : all(dialog.getScene().getRoot())) {
                if (!(n instanceof Button b) || !shown(b)) continue;
                Bounds r = b.localToScreen(b.getBoundsInLocal());
                if (r.getMinX() < x0 - 0.5
                    || r.getMinY() < y0 - 0.5
                    || r.getMaxX() > x0 + 800.5
                    || r.getMaxY() > y0 + 480.5) out.add(b.getText() + " at " + r);
              }
              return out;
            });
    assertEquals(List.of(), outside, what + ": buttons off the 800x480 screen");
  }

  private Window dialogOver(FxRobot robot, String buttonText) throws Exception {
    waitFx(10, () -> robot.lookup(buttonText).tryQuery().isPresent());
    return onFx(() -> robot.lookup(buttonText).query().getScene().getWindow());
  }

  /**
   * Sermon details and the cancel question fit an 800x480 screen with every button, even for a long
   * file name (the details dialog was 898 px wide, Save off the screen).
   */
  @Test
  void theDialogsFitAt800x480WithAllTheirButtons(FxRobot robot) throws Exception {
    open(800, 480);
    Path longName =
        recording(
            tmp,
            "ZOOM0001 Choir anthem and sermon by Pastor Anna Thompson-Richardson 2024-06-09.WAV",
            2000);
    robot.interact(() -> window.dropHandler().accept(List.of(longName)));
    waitFx(10, () -> robot.lookup(".details-button").tryQuery().isPresent());

    robot.clickOn(".details-button");
    Window details = dialogOver(robot, "#title-field");
    assertButtonsInside(details, "Sermon details");
    assertTrue(
        onFx(() -> details.getWidth() <= 800 && details.getHeight() <= 480),
        "Sermon details is " + onFx(details::getWidth) + " px wide");
    robot.interact(() -> ((Stage) details).close());

    waitFx(10, () -> robot.lookup(".cancel-button").tryQuery().filter(Node::isVisible).isPresent());
    robot.clickOn(".cancel-button");
    Window question = dialogOver(robot, "Keep uploading");
    assertButtonsInside(question, "Cancel upload?");
    robot.clickOn("Keep uploading");
  }
}
