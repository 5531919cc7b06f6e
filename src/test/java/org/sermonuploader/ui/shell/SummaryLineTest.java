package org.sermonuploader.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.ui.TestBackends.onFx;
import static org.sermonuploader.ui.TestBackends.waitFx;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sermonuploader.bandwidth.Bandwidth;
import org.sermonuploader.bandwidth.BandwidthSchedule;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.ui.queue.SnapshotCoalescer;
import org.testfx.api.FxRobot;

/** The summary above the queue changes its words while uploading; nothing below it moves. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SummaryLineTest {
  @RegisterExtension final WindowFixture fx = new WindowFixture();
  @TempDir Path tmp;

  private MainWindow window;

  private void open(boolean kiosk, int w, int h) throws Exception {
    window =
        fx.onFake(tmp.resolve("data"))
            .kiosk(kiosk)
            .size(w, h)
            .bandwidth(new Bandwidth(BandwidthSchedule.parse("2M"), Clock.systemUTC()))
            .open();
  }

  private static JobSnapshot job(long id, JobState state, String message) {
    return new JobSnapshot(
        id,
        Path.of("/recordings", "sermon-" + id + ".wav"),
        "sermon-" + id + ".wav",
        150_000_000,
        null,
        state,
        48_000_000,
        0,
        -1,
        message,
        null,
        null,
        null,
        0,
        0);
  }

  private void apply(FxRobot robot, JobSnapshot... jobs) {
    robot.interact(
        () ->
            window.queue().apply(new SnapshotCoalescer.Batch(List.of(), List.of(jobs), List.of())));
    robot.interact(() -> {});
  }

  /** Where the queue starts and the summary's words as drawn ("…" where shortened). */
  private String look() throws Exception {
    return onFx(
        () -> {
          Node queue = window.getScene().lookup("#queue");
          Label summary = (Label) window.getScene().lookup("#summary");
          Text drawn = (Text) summary.lookup(".text");
          return "queue at "
              + queue.localToScene(queue.getBoundsInLocal()).getMinY()
              + ": "
              + (drawn == null ? "" : drawn.getText().replace('\n', ' '));
        });
  }

  @ParameterizedTest(name = "kiosk {0} at {1}x{2}")
  @CsvSource({"false,1280,800", "false,800,600", "true,800,480"})
  void theQueueStaysPutWhateverTheSummarySays(boolean kiosk, int w, int h, FxRobot robot)
      throws Exception {
    open(kiosk, w, h);
    waitFx(5, () -> window.queue().summaryProperty().get().startsWith("Nothing"));
    List<String> seen = new ArrayList<>();
    seen.add(look());
    apply(robot, job(901, JobState.UPLOADING, null));
    seen.add(look());
    apply(robot, job(902, JobState.WAITING_FOR_FILE, "insert the USB stick again"));
    seen.add(look());
    String first = seen.get(0).substring(0, seen.get(0).indexOf(':'));
    for (String s : seen) assertEquals(first, s.substring(0, s.indexOf(':')), seen.toString());
    // the whole summary is one hover or tap away where two lines are not enough
    assertEquals(
        "1 file left · time left not known yet · limited to 2.1 MB/s (2M)",
        onFx(() -> ((Label) window.getScene().lookup("#summary")).getTooltip().getText())
            .replace("2 files", "1 file"));
    // at 1280 px the top bar leaves the summary room for all of it
    if (w >= 1280) assertTrue(seen.get(1).endsWith("limited to 2.1 MB/s (2M)"), seen.get(1));
  }
}
