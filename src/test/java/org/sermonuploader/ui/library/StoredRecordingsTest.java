package org.sermonuploader.ui.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.engine.S3TestSupport.MIB;
import static org.sermonuploader.ui.TestBackends.onFx;
import static org.sermonuploader.ui.TestBackends.waitFx;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.app.Library;
import org.sermonuploader.app.UploadService;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.config.Units;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.memory.PressureGate;
import org.sermonuploader.model.HistoryEntry;
import org.sermonuploader.model.SermonDetails;
import org.sermonuploader.notify.WebhookRecorder;
import org.sermonuploader.ui.NoticeBanner;
import org.sermonuploader.ui.UploadBackend;
import org.sermonuploader.ui.settings.SettingsAccess;
import org.sermonuploader.ui.shell.MainWindow;
import org.sermonuploader.ui.shell.WindowFixture;
import org.testfx.api.FxRobot;

/**
 * The window's History on a real S3 server: Verify shows ✓ or ✗ and keeps it, Save a copy… writes
 * the recording's bytes, the offer moves what this computer kept, and the disk warning.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StoredRecordingsTest {
  @RegisterExtension final WindowFixture fx = new WindowFixture();
  @TempDir Path tmp;
  MainWindow window;
  EmbeddedStore store;
  WebhookRecorder discord;
  Path data;
  Settings server;
  Settings local;

  @BeforeEach
  void servers() throws Exception {
    store = fx.store(tmp.resolve("store"));
    discord = fx.closeAfterWindow(new WebhookRecorder());
    data = tmp.resolve("data");
    local =
        Settings.defaults()
            .with(Setting.MINIO_BUCKET, S3TestSupport.BUCKET)
            .with(Setting.PART_SIZE, "5MiB")
            .with(Setting.USB_MOUNT_ROOTS, tmp.resolve("media").toString())
            .with(Setting.DISCORD_WEBHOOK_URL, discord.url());
    server =
        local
            .with(Setting.MINIO_ENDPOINT, store.endpoint())
            .with(Setting.MINIO_ACCESS_KEY, S3TestSupport.ACCESS)
            .with(Setting.MINIO_SECRET_KEY, S3TestSupport.SECRET);
  }

  UploadService service(Settings s) throws Exception {
    return UploadService.builder(s, data).gateOnly(PressureGate.NEVER_PRESSED).open();
  }

  /** Uploads {@code name} with the app's engine before the window opens. */
  Path upload(Settings s, String name, long size) throws Exception {
    Path f = S3TestSupport.randomFile(tmp, name, size, name.hashCode());
    try (UploadService u = service(s)) {
      u.start(line -> {});
      u.engine().add(f, SermonDetails.NONE);
      assertTrue(u.engine().awaitIdle(60, TimeUnit.SECONDS));
    }
    return f;
  }

  /** Opens the window on {@code s}, shutting the one opened before. */
  void open(Settings s, java.util.function.Consumer<MainWindow> before) throws Exception {
    window =
        fx.on(SettingsAccess.of(data, Map.of()), () -> UploadBackend.of(service(s)))
            .size(1200, 700)
            .beforeShow(before)
            .open();
  }

  void showHistory(FxRobot robot, int rows) throws Exception {
    robot.interact(() -> window.tabs().getSelectionModel().select(1));
    waitFx(15, () -> window.history().table().getItems().size() == rows);
  }

  /** The texts the column {@code title} shows in the rows of {@code fileName}. */
  List<String> cells(String title, String fileName) throws Exception {
    return onFx(
        () -> {
          TableView<HistoryEntry> t = window.history().table();
          TableColumn<HistoryEntry, ?> c =
              t.getColumns().stream()
                  .filter(col -> col.getText().equals(title))
                  .findFirst()
                  .orElseThrow();
          List<String> out = new java.util.ArrayList<>();
          for (HistoryEntry h : t.getItems()) {
            if (h.fileName().equals(fileName)) out.add(String.valueOf(c.getCellData(h)));
          }
          return out;
        });
  }

  /** The text the column {@code title} shows in the row of {@code fileName}. */
  String cell(String title, String fileName) throws Exception {
    return onFx(
        () -> {
          TableView<HistoryEntry> t = window.history().table();
          TableColumn<HistoryEntry, ?> c =
              t.getColumns().stream()
                  .filter(col -> col.getText().equals(title))
                  .findFirst()
                  .orElseThrow();
          for (int i = 0; i < t.getItems().size(); i++) {
            if (t.getItems().get(i).fileName().equals(fileName)) {
              Object v = c.getCellData(i);
              return v == null ? "" : v.toString();
            }
          }
          return "(no row)";
        });
  }

  String status() throws Exception {
    return onFx(() -> window.stored().panel().statusText());
  }

  void damage(String key) throws Exception {
    Path stored = store.root().resolve(S3TestSupport.BUCKET).resolve(key);
    try (RandomAccessFile f = new RandomAccessFile(stored.toFile(), "rw")) {
      f.seek(f.length() / 2);
      int b = f.read();
      f.seek(f.length() / 2);
      f.write(b ^ 0xFF);
    }
  }

  @Test
  void verifyShowsTickOrCrossWithWhenAndKeepsItAfterARestart(FxRobot robot) throws Exception {
    upload(server, "good.wav", 6 * MIB);
    upload(server, "bad.wav", 2 * MIB);
    damage("bad.wav");
    open(server, w -> {});
    showHistory(robot, 2);
    assertEquals("done", cell("Result", "good.wav"));
    assertEquals("", cell("Checked", "good.wav"), "never checked yet");

    robot.clickOn("#verify-all");
    waitFx(30, () -> window.stored().panel().statusText().startsWith("Checked 2"));
    assertEquals("Checked 2: 1 ok, 1 differs, 0 missing, 0 no checksum known.", status());
    String today = LocalDate.now(ZoneId.systemDefault()).toString();
    waitFx(10, () -> !cell("Checked", "bad.wav").isEmpty());
    assertTrue(
        cell("Checked", "good.wav").startsWith("✓ checked " + today), cell("Checked", "good.wav"));
    assertTrue(
        cell("Checked", "bad.wav").startsWith("✗ differs, checked " + today),
        cell("Checked", "bad.wav"));
    String post = discord.await(1, 10_000).get(0).body();
    assertTrue(post.contains("bad.wav") && post.contains("differs"), post);

    // one row: the selected one
    robot.interact(
        () -> {
          var t = window.history().table();
          for (int i = 0; i < t.getItems().size(); i++)
            if (t.getItems().get(i).fileName().equals("good.wav")) t.getSelectionModel().select(i);
        });
    robot.clickOn("#verify-one");
    waitFx(30, () -> window.stored().panel().statusText().startsWith("Checked 1"));
    assertEquals("Checked 1: 1 ok, 0 differs, 0 missing, 0 no checksum known.", status());

    // a new start reads what was found from the journal
    open(server, w -> {});
    showHistory(robot, 2);
    waitFx(10, () -> cell("Checked", "bad.wav").startsWith("✗ differs, checked " + today));
    assertTrue(cell("Checked", "good.wav").startsWith("✓ checked " + today));
  }

  @Test
  void saveACopyInKioskModeWritesTheRecordingToTheStickAndNeverOverwrites(FxRobot robot)
      throws Exception {
    Path stick = Files.createDirectories(tmp.resolve("media").resolve("CHURCH"));
    Path source = upload(server, "2024-06-09 Morning.wav", 7 * MIB);
    open(server, w -> w.setKiosk(true));
    showHistory(robot, 1);
    robot.interact(() -> window.history().table().getSelectionModel().select(0));

    for (String expected : List.of("2024-06-09 Morning.wav", "2024-06-09 Morning (2).wav")) {
      // fired: headless, the first click after a modal window closed only gives focus back
      robot.interact(() -> robot.lookup("#save-copy").queryButton().fire());
      waitFx(10, () -> robot.lookup(".save-place").queryAll().size() == 2);
      Button toStick =
          robot.lookup(".save-place").queryAllAs(Button.class).stream()
              .filter(b -> b.getText().equals("USB stick CHURCH"))
              .findFirst()
              .orElseThrow();
      assertTrue(
          robot.lookup(".save-place").queryAllAs(Button.class).stream()
              .anyMatch(b -> b.getText().equals("Home folder")));
      robot.clickOn(toStick);
      waitFx(30, () -> window.stored().panel().statusText().startsWith("Saved a copy"));
      Path copy = stick.resolve(expected);
      assertEquals("Saved a copy of " + expected + " as " + copy + ".", status());
      assertEquals(S3TestSupport.sha256(source), S3TestSupport.sha256(copy));
    }
    assertEquals(
        S3TestSupport.sha256(source),
        S3TestSupport.sha256(stick.resolve("2024-06-09 Morning.wav")),
        "the first copy was left as it was");
  }

  @Test
  void savingACopyOnTheKioskScreenShowsItsBarAndAFailureSaysNotSavedFirst(FxRobot robot)
      throws Exception {
    Files.createDirectories(tmp.resolve("media").resolve("CHURCH"));
    upload(server, "2024-06-16 Morning.wav", 48 * MIB);
    open(server, w -> w.setKiosk(true));
    robot.interact(
        () -> {
          fx.stage().setWidth(800);
          fx.stage().setHeight(480);
        });
    showHistory(robot, 1);
    robot.interact(() -> window.history().table().getSelectionModel().select(0));
    robot.interact(() -> robot.lookup("#save-copy").queryButton().fire());
    waitFx(10, () -> robot.lookup(".save-place").queryAll().size() == 2);
    robot.clickOn(
        robot.lookup(".save-place").queryAllAs(Button.class).stream()
            .filter(b -> b.getText().equals("USB stick CHURCH"))
            .findFirst()
            .orElseThrow());
    // while it saves, the bar stands beside the words, whole and on the screen
    waitFx(
        30,
        () -> {
          javafx.scene.Node bar = window.getScene().lookup("#library-progress");
          javafx.geometry.Bounds b = bar.localToScene(bar.getBoundsInLocal());
          return status().startsWith("Saving a copy")
              && bar.isVisible()
              && b.getWidth() >= 150
              && b.getMinX() >= 0
              && b.getMaxX() <= 800
              && b.getMaxY() <= 480;
        });
    waitFx(30, () -> status().startsWith("Saved a copy"));

    // a place that can't be written: the words begin with what went wrong
    Path notAFolder = Files.writeString(tmp.resolve("media").resolve("CHURCH").resolve("x"), "");
    String key = onFx(() -> window.history().table().getItems().get(0).key());
    robot.interact(() -> window.stored().panel().save(key, notAFolder.resolve("copy.wav")));
    waitFx(30, () -> status().startsWith("Not saved: "));
    assertEquals("Not saved: copy.wav could not be written to " + notAFolder + ".", status());
  }

  @Test
  void offersOnceToMoveWhatThisComputerKeptAndMovesItThroughTheQueue(FxRobot robot)
      throws Exception {
    Path a = upload(local, "a.wav", 6 * MIB);
    Path b = upload(local, "b.wav", 3 * MIB);
    Path kept = data.resolve("local-store").resolve(S3TestSupport.BUCKET);
    assertTrue(Files.isRegularFile(kept.resolve("a.wav")));

    open(server, w -> {});
    String offer =
        "2 recordings ("
            + Units.size(9 * MIB)
            + ") are kept on this computer. Move them to the server?";
    waitFx(20, () -> window.stored().offer().offerText().equals(offer));

    // "Not now" holds until the next start, also when the settings are applied again
    robot.clickOn("#migrate-no");
    assertEquals("", onFx(() -> window.stored().offer().offerText()));
    CountDownLatch again = new CountDownLatch(1);
    robot.interact(
        () -> window.host().open(() -> UploadBackend.of(service(server)), again::countDown));
    assertTrue(again.await(30, TimeUnit.SECONDS));
    // the new backend asked again at once (backendReady), and "Not now" answered it
    assertEquals("", onFx(() -> window.stored().offer().offerText()));

    open(server, w -> {});
    waitFx(20, () -> window.stored().offer().offerText().equals(offer));
    robot.clickOn("#migrate-yes");
    // the button says at once that it works
    assertEquals("Moving…", onFx(() -> robot.lookup("#migrate-yes").queryButton().getText()));
    assertTrue(onFx(() -> robot.lookup("#migrate-yes").queryButton().isDisabled()));
    waitFx(
        60,
        () ->
            robot
                .lookup("#notice")
                .queryAs(NoticeBanner.class)
                .text()
                .startsWith("Moved 2 recordings to the server"));
    assertEquals(S3TestSupport.sha256(a), S3TestSupport.downloadSha256(store, "a.wav"));
    assertEquals(S3TestSupport.sha256(b), S3TestSupport.downloadSha256(store, "b.wav"));
    assertFalse(Files.exists(kept.resolve("a.wav")), "the copy here is gone once checked there");
    assertTrue(
        onFx(
            () ->
                window.queue().rows().stream()
                    .anyMatch(r -> r.snapshot().path().getFileName().toString().equals("a.wav"))),
        "the move showed in the queue");
    // one recording, one row, one History line
    assertEquals(1, rowsOf("a.wav"), "rows of a.wav");
    assertEquals(1, rowsOf("b.wav"), "rows of b.wav");
    assertEquals(2, (int) onFx(() -> window.queue().uploadedCount()), "recordings on the server");

    showHistory(robot, 2);
    waitFx(
        10,
        () ->
            cells("Checked", "a.wav").stream().anyMatch(c -> c.startsWith("moved to the server")));
    onFx(
        () -> {
          for (HistoryEntry h : window.history().table().getItems()) {
            assertEquals("the server", whereOf(h), h.toString());
          }
          return null;
        });

    // Clear finished takes the moved rows away, also after a restart
    robot.interact(() -> window.tabs().getSelectionModel().select(0));
    robot.interact(() -> robot.lookup("#clear-finished").queryButton().fire());
    waitFx(10, () -> rowsOf("a.wav") + rowsOf("b.wav") == 0);
    open(server, w -> {});
    assertEquals(0, rowsOf("a.wav") + rowsOf("b.wav"), "rows back after a restart");
    showHistory(robot, 2);
  }

  private int rowsOf(String fileName) throws Exception {
    return onFx(
        () ->
            (int)
                window.queue().rows().stream()
                    .filter(r -> r.snapshot().path().getFileName().toString().equals(fileName))
                    .count());
  }

  private String whereOf(HistoryEntry h) {
    TableView<HistoryEntry> t = window.history().table();
    TableColumn<HistoryEntry, ?> c =
        t.getColumns().stream().filter(col -> col.getText().equals("Where")).findFirst().get();
    return String.valueOf(c.getCellData(h));
  }

  @Test
  void warnsWhenTheRecordingsKeptHereFillTheDisk(FxRobot robot) throws Exception {
    upload(local, "kept.wav", 6 * MIB);
    Library.Space[] space = {new Library.Space(1_500_000_000L, 32_000_000_000L)};
    open(local, w -> w.stored().disk().setProbe(f -> space[0]));
    waitFx(
        20,
        () ->
            robot
                .lookup("#disk-warning")
                .queryAs(NoticeBanner.class)
                .text()
                .startsWith("The disk of this computer is nearly full: 1.5 GB free of 32.0 GB."));
    String text = onFx(() -> robot.lookup("#disk-warning").queryAs(NoticeBanner.class).text());
    assertTrue(text.contains("1 recording (" + Units.size(6 * MIB) + ") is kept on it."), text);
    assertTrue(text.contains("set up a server in Settings"), text);

    // space freed: the next upload's end takes the warning away
    space[0] = new Library.Space(20_000_000_000L, 32_000_000_000L);
    Path next = S3TestSupport.randomFile(tmp, "next.wav", MIB, 3);
    robot.interact(() -> window.dropHandler().accept(List.of(next)));
    waitFx(30, () -> robot.lookup("#disk-warning").queryAs(NoticeBanner.class).text().isEmpty());
  }
}
