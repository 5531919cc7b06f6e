package org.sermonuploader.ui.usb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.ui.TestBackends.onFx;
import static org.sermonuploader.ui.TestBackends.waitFx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.ui.NoticeBanner;
import org.sermonuploader.ui.settings.SettingsAccess;
import org.sermonuploader.ui.shell.MainWindow;
import org.sermonuploader.ui.shell.WindowFixture;
import org.testfx.api.FxRobot;

/**
 * A USB stick plugged in while the window runs: the real watcher finds it under a mount root, the
 * dialog offers its recordings, and what is chosen is uploaded to the built-in store.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class UsbDialogTest {
  private static final long MIB = 1L << 20;

  @RegisterExtension final WindowFixture fx = new WindowFixture();
  @TempDir Path tmp;

  private MainWindow window;
  private Path media;
  private Path data;
  private SettingsAccess settings;

  @BeforeEach
  void open() throws Exception {
    media = Files.createDirectories(tmp.resolve("media"));
    data = tmp.resolve("data");
    Map<String, String> env = new HashMap<>();
    env.put("USB_MOUNT_ROOTS", media.toString());
    env.put("STATUS_PORT", "0");
    env.put("PART_SIZE", "5MiB");
    env.put("MEMORY_MIN_AVAILABLE_MB", "0"); // a busy test machine must not pause these uploads
    settings = SettingsAccess.of(data, env);
    window = fx.on(settings).open();
  }

  @AfterEach
  void closeTheDialog(FxRobot robot) {
    robot.interact(
        () -> {
          UsbOfferDialog d = window.usbPrompts().anyOpen();
          if (d != null) d.close();
        });
  }

  /** A stick with recordings (newest last here) and a text file, as a recorder leaves it. */
  private Path plugIn(String label, String... names) throws Exception {
    Path stick = tmp.resolve("stick-" + label);
    Files.createDirectories(stick.resolve("RECORD"));
    long t = Instant.parse("2024-05-12T09:00:00Z").toEpochMilli();
    for (int i = 0; i < names.length; i++) {
      Path f = S3TestSupport.randomFile(stick.resolve("RECORD"), names[i], (2 + i) * MIB, i + 1);
      Files.setLastModifiedTime(f, FileTime.fromMillis(t + i * 3_600_000L));
    }
    Files.writeString(stick.resolve("readme.txt"), "recorder");
    // appears at once, as a mount does
    Files.move(stick, media.resolve(label));
    return media.resolve(label);
  }

  private static void pullOut(Path mount) throws Exception {
    try (Stream<Path> all = Files.walk(mount)) {
      for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator)
        Files.delete(p);
    }
  }

  private UsbOfferDialog waitForDialog(Path mount) throws Exception {
    waitFx(
        15,
        () ->
            window.usbPrompts().dialogFor(mount) != null
                && window.usbPrompts().dialogFor(mount).isShowing());
    return onFx(() -> window.usbPrompts().dialogFor(mount));
  }

  private static <T extends Node> T in(UsbOfferDialog d, String id, Class<T> type)
      throws Exception {
    return onFx(() -> type.cast(d.stage().getScene().lookup("#" + id)));
  }

  private static List<String> rowNames(UsbOfferDialog d) throws Exception {
    return onFx(
        () ->
            d.stage().getScene().getRoot().lookupAll(".usb-name").stream()
                .map(n -> ((Label) n).getText())
                .toList());
  }

  private List<String> queued() {
    return window.host().queue().jobs().stream().map(JobSnapshot::fileName).sorted().toList();
  }

  @Test
  void aStickShowsItsRecordingsNewestFirstAndOneTapUploadsTheNewOnes(FxRobot robot)
      throws Exception {
    Path mount =
        plugIn("RECORDER", "2024-05-12 Early.wav", "2024-05-12 Main.wav", "2024-05-12 Evening.mp3");
    UsbOfferDialog d = waitForDialog(mount);
    assertEquals("3 new recordings on RECORDER", in(d, "usb-heading", Label.class).getText());
    assertEquals(
        List.of("2024-05-12 Evening.mp3", "2024-05-12 Main.wav", "2024-05-12 Early.wav"),
        rowNames(d),
        "newest first; the text file is not a recording");
    Button upload = in(d, "usb-upload", Button.class);
    assertEquals("Upload these 3 recordings", onFx(upload::getText));
    assertTrue(onFx(() -> upload.getHeight() >= 48), "a finger-sized button");

    robot.clickOn(upload);
    waitFx(10, () -> !d.isShowing());
    assertEquals(
        List.of("2024-05-12 Early.wav", "2024-05-12 Evening.mp3", "2024-05-12 Main.wav"), queued());
    waitFx(
        10,
        () ->
            robot
                .lookup("#notice")
                .queryAs(NoticeBanner.class)
                .text()
                .equals("Added 3 recordings from the USB stick RECORDER to the list."));
    waitFx(
        40,
        () ->
            window.queue().rows().size() == 3
                && window.queue().rows().stream().allMatch(r -> r.snapshot().state().succeeded()));
    for (String name :
        List.of("2024-05-12 Early.wav", "2024-05-12 Main.wav", "2024-05-12 Evening.mp3")) {
      Path stored = data.resolve("local-store").resolve("sermons").resolve(name);
      assertEquals(
          S3TestSupport.sha256(mount.resolve("RECORD").resolve(name)),
          S3TestSupport.sha256(stored),
          name);
    }
  }

  @Test
  void chooseShowsTickBoxesAndOnlyTheTickedOnesAreQueued(FxRobot robot) throws Exception {
    Path mount = plugIn("ZOOM", "a.wav", "b.wav", "c.wav");
    UsbOfferDialog d = waitForDialog(mount);
    List<CheckBox> boxes =
        onFx(
            () ->
                d.stage().getScene().getRoot().lookupAll(".usb-check").stream()
                    .map(n -> (CheckBox) n)
                    .toList());
    assertTrue(
        onFx(() -> boxes.stream().noneMatch(Node::isVisible)), "no boxes until Choose… is tapped");

    robot.clickOn(in(d, "usb-choose", Button.class));
    assertTrue(
        onFx(() -> boxes.stream().allMatch(b -> b.isVisible() && b.isSelected())),
        "the new ones are ticked");
    // a tap on the row's text (not the small box) unticks it: rows are c, b, a
    robot.clickOn(
        onFx(
            () ->
                d.stage().getScene().getRoot().lookupAll(".usb-name").stream()
                    .filter(n -> ((Label) n).getText().equals("b.wav"))
                    .findFirst()
                    .orElseThrow()));
    Button upload = in(d, "usb-upload", Button.class);
    assertEquals("Upload the 2 ticked recordings", onFx(upload::getText));
    robot.clickOn(upload);
    waitFx(10, () -> !d.isShowing());
    assertEquals(List.of("a.wav", "c.wav"), queued());
  }

  @Test
  void pullingTheStickOutClosesItsDialogAndCancelQueuesNothing(FxRobot robot) throws Exception {
    Path mount = plugIn("CARD", "x.wav");
    UsbOfferDialog d = waitForDialog(mount);
    assertEquals(
        "Upload this 1 recording", onFx(() -> in(d, "usb-upload", Button.class).getText()));
    pullOut(mount);
    waitFx(10, () -> !d.isShowing());
    assertEquals(List.of(), queued());

    Path again = plugIn("CARD2", "y.wav");
    UsbOfferDialog d2 = waitForDialog(again);
    assertNotNull(d2);
    robot.clickOn(in(d2, "usb-cancel", Button.class));
    waitFx(10, () -> !d2.isShowing());
    Thread.sleep(300);
    assertEquals(List.of(), queued());
    assertFalse(
        onFx(() -> robot.lookup("#notice").queryAs(NoticeBanner.class).text()).startsWith("Added"));
  }

  @Test
  void aStickWithNothingNewGetsAShortNoticeNotADialog(FxRobot robot) throws Exception {
    Path mount = plugIn("RECORDER", "2024-05-12 Main.wav");
    UsbOfferDialog d = waitForDialog(mount);
    robot.clickOn(in(d, "usb-upload", Button.class));
    waitFx(
        40,
        () ->
            window.queue().rows().size() == 1
                && window.queue().rows().get(0).snapshot().state().succeeded());
    pullOut(mount);
    Thread.sleep(1500); // the watcher must see it gone before it comes back
    plugIn("RECORDER", "2024-05-12 Main.wav");
    waitFx(
        15,
        () ->
            robot
                .lookup("#notice")
                .queryAs(NoticeBanner.class)
                .text()
                .equals(
                    "Nothing new on the USB stick RECORDER: everything on it is uploaded or in the"
                        + " list already."));
    assertTrue(onFx(() -> window.usbPrompts().anyOpen() == null), "no window to dismiss");
  }

  @Test
  void savingSettingsDoesNotOfferAStickThatIsStillInAgain(FxRobot robot) throws Exception {
    Path zoom = plugIn("ZOOM", "a.wav");
    UsbOfferDialog d = waitForDialog(zoom);
    robot.clickOn(in(d, "usb-cancel", Button.class));
    waitFx(10, () -> !d.isShowing());

    // what saving the settings does: the backend is opened again and finds the sticks plugged in
    CountDownLatch reopened = new CountDownLatch(1);
    robot.interact(() -> window.host().open(settings.opener(), reopened::countDown));
    assertTrue(reopened.await(30, TimeUnit.SECONDS));
    Path other = plugIn("OTHER", "b.wav");
    waitForDialog(other);
    assertTrue(
        onFx(() -> window.usbPrompts().dialogFor(zoom) == null),
        "the stick the volunteer already answered is not offered again");
  }
}
