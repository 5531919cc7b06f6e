package org.sermonuploader.ui.stations;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.app.Failure;
import org.sermonuploader.app.ListStations;
import org.sermonuploader.app.UploadService;
import org.sermonuploader.model.StationView;
import org.sermonuploader.ui.Background;
import org.sermonuploader.ui.FxThread;
import org.sermonuploader.ui.UploadBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every station reporting into the bucket, one card each. Read when the tab is shown and every 30 s
 * while it stays shown, off the FX thread; nothing is read while it is hidden. One {@link
 * ListStations.Watch} per running service remembers the heartbeats' ETags, so a refresh lists once
 * and reads only what changed.
 */
public final class StationsTab extends VBox {
  private static final Logger log = LoggerFactory.getLogger(StationsTab.class);
  static final Duration EVERY = Duration.seconds(30);
  private static final String NOT_CONNECTED = "Stations are shown once this station is connected.";
  // stations see each other only through a shared S3 bucket: said plainly instead of an empty list
  private static final String NO_BUCKET_TUS =
      "This station sends its recordings to a tus server, where stations cannot see each other."
          + " Other stations are shown here only when every station uploads to the same S3 or"
          + " MinIO bucket.";
  private static final String NO_BUCKET_HERE =
      "This station keeps its recordings on this computer (no server is set), so no other station"
          + " can see it or be seen from here. Set the server in Settings to see every station that"
          + " uploads to it.";

  private final Supplier<@Nullable UploadBackend> backend;
  private final Background background;
  private final Executor fx;
  private final ListStations stations = new ListStations(Clock.systemUTC());
  private final Label summary = new Label(NOT_CONNECTED);
  private final VBox cards = new VBox(8);
  private final Timeline refresh;
  private boolean shown;
  private boolean reading;
  private int reads;
  private ListStations.@Nullable Result last;

  // the reader of the running service; its fields are touched only under the lock
  private final Object watchLock = new Object();
  private ListStations.@Nullable Watch watch;
  private @Nullable UploadService watched;
  private boolean closed;

  public StationsTab(
      Supplier<@Nullable UploadBackend> backend, Background background, Executor fx) {
    this.backend = backend;
    this.background = background;
    this.fx = fx;
    getStyleClass().add("stations-page");
    setSpacing(8);
    summary.setId("stations-summary");
    summary.getStyleClass().add("stations-summary");
    summary.setWrapText(true);
    cards.setId("stations-list");
    ScrollPane scroll = new ScrollPane(cards);
    scroll.setFitToWidth(true);
    VBox.setVgrow(scroll, Priority.ALWAYS);
    getChildren().addAll(summary, scroll);
    refresh = new Timeline(new KeyFrame(EVERY, e -> tick()));
    refresh.setCycleCount(Animation.INDEFINITE);
  }

  /** The tab was selected or left: reads at once and every 30 s while shown, else stops. */
  public void setShown(boolean on) {
    assert FxThread.checked("The stations' refresh");
    shown = on;
    if (on) {
      tick();
      refresh.play();
    } else {
      refresh.stop();
    }
  }

  /** What the refresh timer runs: one read at a time, and only while the tab is shown. */
  void tick() {
    if (!shown || reading) return;
    reading = true;
    reads++;
    background.run(this::read);
  }

  private void read() {
    ListStations.@Nullable Result r = null;
    String words;
    boolean failed = false;
    try {
      ListStations.@Nullable Watch w = currentWatch();
      if (w == null) {
        words = NOT_CONNECTED;
      } else if (!w.hasBucket()) {
        words = w.tus() ? NO_BUCKET_TUS : NO_BUCKET_HERE;
        // nobody else can see this station: its own missing recording is said here
        String missed = w.ownMissed().orElse(null);
        if (missed != null) words = missed + "\n\n" + words;
      } else {
        r = w.read(); // outside the lock: closing the window never waits for the server
        words = StationCards.summary(r.stations());
      }
    } catch (Exception e) {
      log.warn("Reading the stations failed", e);
      words = "The stations could not be read just now: " + Failure.of(e).words();
      failed = true;
    }
    ListStations.@Nullable Result read = r;
    String said = words;
    boolean keep = failed;
    fx.execute(() -> show(read, said, keep));
  }

  /** The reader of the service running now: a new one when the service changed. */
  private ListStations.@Nullable Watch currentWatch() {
    UploadBackend b = backend.get();
    UploadService now = b == null ? null : b.service().orElse(null);
    synchronized (watchLock) {
      if (closed) return null;
      if (now != watched) {
        if (watch != null) watch.close();
        watch = now == null ? null : stations.watch(now);
        watched = now;
      }
      return watch;
    }
  }

  private void show(ListStations.@Nullable Result r, String words, boolean keepCards) {
    reading = false;
    summary.setText(words);
    if (r == null) {
      if (keepCards) return; // the last cards stay, their "seen" now older
      cards.getChildren().clear();
      last = null;
      return;
    }
    last = r;
    List<VBox> made = new ArrayList<>();
    for (StationView v : r.stations()) {
      made.add(StationCards.card(v, ZoneId.systemDefault(), r.isSelf(v)));
    }
    cards.getChildren().setAll(made);
  }

  /** A new service runs (settings saved): read it at once if the tab is shown. */
  public void backendChanged() {
    tick();
  }

  /** Stops the refresh and the reader (the window closes). Any thread. */
  public void close() {
    FxThread.run(refresh::stop);
    synchronized (watchLock) {
      closed = true;
      if (watch != null) watch.close();
      watch = null;
      watched = null;
    }
  }

  /** How many reads the tab started, for the tests: none while it is hidden. */
  public int reads() {
    return reads;
  }

  /** Whether the 30 s refresh runs. */
  public boolean refreshing() {
    return refresh.getStatus() == Animation.Status.RUNNING;
  }

  /** The last stations read, or null before the first. */
  public ListStations.@Nullable Result last() {
    return last;
  }

  /** Bigger text on the touch screen comes from the kiosk style class; nothing else changes. */
  public void setKiosk(boolean on) {
    cards.setSpacing(on ? 12 : 8);
  }
}
