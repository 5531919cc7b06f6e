package org.sermonuploader.ui.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.ui.TestBackends.onFx;
import static org.sermonuploader.ui.TestBackends.waitFx;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.journal.Journal;
import org.sermonuploader.model.HistoryEntry;
import org.sermonuploader.ui.Background;
import org.sermonuploader.ui.FakeTransfer;
import org.sermonuploader.ui.TestBackends;
import org.sermonuploader.ui.Theme;
import org.sermonuploader.ui.UploadBackend;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Years of uploads in the history: the tab reads the newest page, not 10,000 lines, and reads older
 * ones as the list is scrolled to them.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LongHistoryTest {
  private static final int LINES = 10_000;
  private static final long FIRST = 1_600_000_000_000L;

  @TempDir Path tmp;

  private Stage stage;
  private UploadBackend backend;
  private HistoryView view;

  @Start
  void start(Stage stage) {
    this.stage = stage;
  }

  @AfterEach
  void close() {
    if (backend != null) backend.close();
  }

  @Test
  void tenThousandLinesOpenAtTheNewestAndOlderOnesComeAsTheListIsScrolled(FxRobot robot)
      throws Exception {
    Path data = tmp.resolve("data");
    Journal j = Journal.open(data);
    Path file = j.file();
    j.close();
    // one upload a minute, as the journal writes them, in one transaction to keep the test short
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      db.setAutoCommit(false);
      for (int i = 1; i <= LINES; i++) addLine(db, i);
      db.commit();
    }
    backend = TestBackends.fake(data, new FakeTransfer()).open();
    robot.interact(
        () -> {
          view =
              new HistoryView(
                  backend::queue, Background.pool("test-history", 1), Platform::runLater);
          Theme.style(view);
          stage.setScene(new Scene(view, 1000, 500));
          stage.show();
          view.refresh();
        });

    waitFx(20, () -> !view.shown().isEmpty());
    List<HistoryEntry> first = onFx(() -> List.copyOf(view.shown()));
    assertEquals(HistoryView.PAGE, first.size(), "one page read, not the whole history");
    assertEquals("sermon-10000.mp3", first.get(0).fileName(), "newest first");
    assertEquals("sermon-" + (LINES - HistoryView.PAGE + 1) + ".mp3", first.get(199).fileName());
    assertEquals(
        "sermon-10000.mp3", onFx(() -> table().getSelectionModel().getSelectedItem().fileName()));
    String info = onFx(() -> info(robot));
    assertTrue(info.startsWith("The latest 200 finished uploads"), info);

    // scrolled to the end of what was read, the next older page follows
    robot.interact(() -> table().scrollTo(HistoryView.PAGE - 1));
    waitFx(20, () -> view.shown().size() >= 2 * HistoryView.PAGE);
    robot.interact(() -> table().scrollTo(2 * HistoryView.PAGE - 1));
    waitFx(20, () -> view.shown().size() >= 3 * HistoryView.PAGE);
    List<HistoryEntry> read = onFx(() -> List.copyOf(view.shown()));
    assertTrue(read.size() <= 4 * HistoryView.PAGE, read.size() + " lines read");
    Set<Long> ids = new HashSet<>();
    for (int i = 0; i < read.size(); i++) {
      assertEquals("sermon-" + (LINES - i) + ".mp3", read.get(i).fileName(), "line " + i);
      assertTrue(ids.add(read.get(i).jobId()), "line " + i + " twice");
    }

    // an upload finishing puts its line on top; what was read stays
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      addLine(db, LINES + 1);
    }
    int before = read.size();
    robot.interact(() -> view.refresh());
    waitFx(20, () -> view.shown().size() == before + 1);
    assertEquals("sermon-10001.mp3", onFx(() -> view.shown().get(0).fileName()));
    assertEquals("sermon-10000.mp3", onFx(() -> view.shown().get(1).fileName()));
  }

  private javafx.scene.control.TableView<HistoryEntry> table() {
    return view.table();
  }

  private static String info(FxRobot robot) {
    return robot.lookup(".hint").queryAs(Label.class).getText();
  }

  private static void addLine(Connection db, int i) throws Exception {
    try (PreparedStatement p =
        db.prepareStatement(
            "INSERT INTO history (job_id, file_name, key, size, sha256, finished_at, duration_ms,"
                + " bytes_per_sec, outcome, destination) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
      p.setLong(1, i);
      p.setString(2, "sermon-" + i + ".mp3");
      p.setString(3, "2020/sermon-" + i + ".mp3");
      p.setLong(4, 200_000);
      p.setString(5, String.format("%064x", i));
      p.setLong(6, FIRST + i * 60_000L);
      p.setLong(7, 800);
      p.setDouble(8, 250_000);
      p.setString(9, "uploaded");
      p.setString(10, "bucket test on http://localhost");
      p.executeUpdate();
    }
  }
}
