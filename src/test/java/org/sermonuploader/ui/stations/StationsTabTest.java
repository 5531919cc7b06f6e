package org.sermonuploader.ui.stations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.ui.TestBackends.onFx;
import static org.sermonuploader.ui.TestBackends.waitFx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.engine.ReservedKeys;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.engine.s3.S3AppRecords;
import org.sermonuploader.engine.s3.S3Transfer;
import org.sermonuploader.engine.tus.TusTestServer;
import org.sermonuploader.model.StationReport;
import org.sermonuploader.model.StationState;
import org.sermonuploader.model.UploadExpectation;
import org.sermonuploader.stations.Heartbeat;
import org.sermonuploader.stations.StationFacts;
import org.sermonuploader.stations.StationKeys;
import org.sermonuploader.stations.StationStore;
import org.sermonuploader.ui.settings.SettingsAccess;
import org.sermonuploader.ui.shell.MainWindow;
import org.sermonuploader.ui.shell.WindowFixture;
import org.testfx.api.FxRobot;

/** The Stations tab over heartbeats in a real S3Proxy bucket, as a volunteer reads it. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class StationsTabTest {
  @RegisterExtension final WindowFixture fx = new WindowFixture();
  @TempDir Path tmp;

  private MainWindow window;
  private EmbeddedStore store;

  /** A station whose heartbeat the test writes with the state it sets. */
  private static final class Facts implements StationFacts {
    final StationState state;

    Facts(StationState state) {
      this.state = state;
    }

    @Override
    public StationState state() {
      return state;
    }

    @Override
    public StationReport.Activity activity() {
      boolean up = state == StationState.UPLOADING;
      return new StationReport.Activity(
          state,
          up ? List.of(new StationReport.Upload("Sunday.wav", 40, 1_000_000)) : List.of(),
          up ? 1 : 0,
          List.of(
              new StationReport.Finished(
                  "Easter.wav", 1000, null, Instant.parse("2026-04-05T10:02:00Z"), "uploaded")),
          1L << 30,
          "normal",
          0);
    }
  }

  /** One heartbeat of {@code name}, written as a running station writes it. */
  private void beat(String name, StationState state) throws Exception {
    beat(name, state, null);
  }

  private void beat(String name, StationState state, @Nullable UploadExpectation expect)
      throws Exception {
    try (S3Transfer s3 = S3TestSupport.transfer(store)) {
      new Heartbeat(
              StationStore.of(new S3AppRecords(s3)),
              new Heartbeat.Identity(name, "test", "host-" + name, "/data/" + name, expect),
              new Facts(state),
              Clock.systemUTC(),
              Heartbeat.Timing.DEFAULT,
              line -> {})
          .tick();
    }
  }

  /** Makes the bucket say {@code name}'s heartbeat was last written {@code ago}. */
  private void lastWritten(String name, Duration ago) throws Exception {
    Path file =
        store
            .root()
            .resolve(S3TestSupport.BUCKET)
            .resolve(StationKeys.PREFIX + ReservedKeys.segment(name) + ".json");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(ago)));
  }

  private void open(Map<String, String> env) throws Exception {
    window = fx.on(SettingsAccess.of(tmp.resolve("home"), env)).open();
  }

  private void openOnBucket() throws Exception {
    Map<String, String> env =
        S3TestSupport.putAppEnv(new HashMap<>(), tmp.resolve("home"), store.endpoint());
    env.put("STATION_NAME", "Main hall");
    open(env);
  }

  private void select(FxRobot robot, String tabId) {
    robot.interact(
        () -> {
          Tab t =
              window.tabs().getTabs().stream()
                  .filter(x -> tabId.equals(x.getId()))
                  .findFirst()
                  .orElseThrow();
          window.tabs().getSelectionModel().select(t);
        });
  }

  /** The card of {@code name} as shown, or empty. */
  private Optional<Node> card(String name) {
    return window.stations().lookupAll(".station-card").stream()
        .filter(c -> name.equals(text(c, "station-name")))
        .findFirst();
  }

  private static String text(Node card, String styleClass) {
    Node n = card.lookup("." + styleClass);
    return n == null ? "" : ((Label) n).getText();
  }

  private String cardText(String name, String styleClass) throws Exception {
    return onFx(() -> card(name).map(c -> text(c, styleClass)).orElse("(no card)"));
  }

  /**
   * Waits for the cards of {@code names}, refreshing as the 30 s timer would: the window's own
   * station writes its first heartbeat on a thread of its own, maybe after the tab's first read.
   */
  private void waitForCards(String... names) throws Exception {
    try {
      waitFx(
          20,
          () -> {
            boolean all = List.of(names).stream().allMatch(n -> card(n).isPresent());
            if (!all) window.stations().tick();
            return all;
          });
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no card for one of " + List.of(names) + ": " + summary(), e);
    }
  }

  private boolean greyed(String name) throws Exception {
    return onFx(() -> card(name).orElseThrow().getStyleClass().contains("station-stale"));
  }

  private String summary() throws Exception {
    return onFx(() -> ((Label) window.stations().lookup("#stations-summary")).getText());
  }

  private int reads() throws Exception {
    return onFx(() -> window.stations().reads());
  }

  @Test
  void twoStationsAreShownWithTheirStatesAndOneNotHeardFromIsGreyed(FxRobot robot)
      throws Exception {
    store = fx.store(tmp.resolve("store"));
    beat("North campus", StationState.UPLOADING);
    beat("South campus", StationState.PAUSED_LOW_MEMORY);
    openOnBucket();

    select(robot, "stations-tab");
    waitForCards("North campus", "South campus", "Main hall");
    assertEquals("(this station)", cardText("Main hall", "station-self"));
    assertEquals("", cardText("North campus", "station-self"));
    assertEquals("Uploading", cardText("North campus", "station-state"));
    assertEquals("Uploading Sunday.wav 40%", cardText("North campus", "station-upload"));
    assertEquals("Seen just now", cardText("North campus", "station-seen"));
    String last = cardText("North campus", "station-last");
    assertTrue(last.startsWith("Last recording: Easter.wav (uploaded, Sun "), last);
    assertEquals("Paused: low memory", cardText("South campus", "station-state"));
    assertEquals(
        "Uploads are paused because the computer is short of memory.",
        cardText("South campus", "station-trouble"));
    assertEquals("3 stations, 1 needs looking at.", summary());
    assertFalse(greyed("North campus"));

    // North campus killed 25 minutes ago, South campus three days ago
    lastWritten("North campus", Duration.ofMinutes(25));
    lastWritten("South campus", Duration.ofDays(3));
    int before = reads();
    robot.interact(() -> window.stations().tick());
    waitFx(
        20,
        () ->
            window.stations().reads() > before
                && card("North campus").orElseThrow().getStyleClass().contains("station-stale"));
    assertEquals("Not heard from (last: uploading)", cardText("North campus", "station-state"));
    assertEquals("Seen 25 min ago", cardText("North campus", "station-seen"));
    assertEquals(
        "Not heard from for 25 minutes: the computer may be switched off, asleep or without"
            + " internet.",
        cardText("North campus", "station-trouble"));
    String south = cardText("South campus", "station-seen");
    assertTrue(south.startsWith("Not seen since "), south);
    assertTrue(greyed("South campus"));
    assertFalse(greyed("Main hall"));
    assertEquals("3 stations, 2 need looking at.", summary());
  }

  @Test
  void theTabReadsNothingWhileHiddenAndOnlyChangedHeartbeatsWhenShownAgain(FxRobot robot)
      throws Exception {
    store = fx.store(tmp.resolve("store"));
    beat("North campus", StationState.UPLOADING);
    beat("South campus", StationState.IDLE);
    openOnBucket();
    robot.interact(() -> window.setKiosk(true)); // the touch screen has the tab too
    assertEquals(0, reads(), "read before it was shown");

    select(robot, "stations-tab");
    waitForCards("North campus", "Main hall");
    assertTrue(onFx(() -> window.stations().refreshing()), "no 30 s refresh while shown");

    select(robot, "queue-tab");
    assertFalse(onFx(() -> window.stations().refreshing()), "the refresh runs while hidden");
    int shownReads = reads();
    // meanwhile a third station starts and North campus fails
    beat("West campus", StationState.IDLE);
    beat("North campus", StationState.FAILING);
    for (int i = 0; i < 3; i++) robot.interact(() -> window.stations().tick()); // the timer's call
    assertEquals(shownReads, reads(), "read while hidden");
    assertFalse(onFx(() -> card("West campus").isPresent()));
    assertEquals("Uploading", cardText("North campus", "station-state"));

    select(robot, "stations-tab");
    waitFx(20, () -> card("West campus").isPresent());
    assertEquals(shownReads + 1, reads());
    assertEquals("Failing", cardText("North campus", "station-state"));
    assertEquals(
        "An upload failed there: retry or remove it in that station's queue.",
        cardText("North campus", "station-trouble"));
    // one reader kept: South campus's unchanged heartbeat was not read again
    int fetched = onFx(() -> window.stations().last().fetched());
    int listed = onFx(() -> window.stations().last().stations().size());
    assertEquals(4, listed);
    assertTrue(fetched <= 3, fetched + " of " + listed + " heartbeats read again");
  }

  @Test
  void aStationWhoseExpectedRecordingHasNotArrivedSaysSoInWords(FxRobot robot) throws Exception {
    store = fx.store(tmp.resolve("store"));
    // every day by 00:00 UTC, and its last recording was at Easter: missed whenever this runs
    beat(
        "North campus",
        StationState.IDLE,
        new UploadExpectation("00:00", Duration.ofHours(12), ZoneOffset.UTC));
    openOnBucket();
    select(robot, "stations-tab");
    waitForCards("North campus", "Main hall");
    String trouble = cardText("North campus", "station-trouble");
    assertTrue(trouble.startsWith("No recording from North campus since "), trouble);
    assertTrue(trouble.contains(" 12:00; one was expected by "), trouble);
    assertTrue(trouble.endsWith(" 00:00."), trouble);
    assertEquals("2 stations, 1 needs looking at.", summary());
  }

  @Test
  void withTheBuiltInStoreTheTabSaysNoOtherStationCanBeSeen(FxRobot robot) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("SERMON_UPLOADER_HOME", tmp.resolve("home").toString());
    env.put("STATUS_PORT", "0");
    open(env);
    select(robot, "stations-tab");
    waitFx(20, () -> summaryNow().contains("on this computer"));
    assertEquals(
        "This station keeps its recordings on this computer (no server is set), so no other"
            + " station can see it or be seen from here. Set the server in Settings to see every"
            + " station that uploads to it.",
        summary());
    assertEquals(0, (int) onFx(() -> window.stations().lookupAll(".station-card").size()));
  }

  private String summaryNow() {
    return ((Label) window.stations().lookup("#stations-summary")).getText();
  }

  @Test
  void withTusTheTabSaysThereIsNoBucketToMeetIn(FxRobot robot) throws Exception {
    try (TusTestServer tus = new TusTestServer(tmp.resolve("tus"))) {
      Map<String, String> env = new HashMap<>();
      env.put("SERMON_UPLOADER_HOME", tmp.resolve("home").toString());
      env.put("DESTINATION", "tus");
      env.put("TUS_ENDPOINT", tus.endpoint());
      env.put("STATUS_PORT", "0");
      env.put("STATION_NAME", "Main hall");
      env.put("EXPECT_UPLOAD", "00:00"); // every day by midnight, and nothing uploaded yet
      open(env);
      select(robot, "stations-tab");
      waitFx(20, () -> summaryNow().contains("tus"));
      String said = summary();
      assertTrue(said.startsWith("No recording from Main hall since "), said);
      assertTrue(said.contains(" 12:00; one was expected by "), said);
      assertEquals(
          "This station sends its recordings to a tus server, where stations cannot see each"
              + " other. Other stations are shown here only when every station uploads to the"
              + " same S3 or MinIO bucket.",
          said.substring(said.indexOf("\n\n") + 2));
      assertEquals(0, (int) onFx(() -> window.stations().lookupAll(".station-card").size()));
    }
  }
}
