package org.sermonuploader.ui.stations;

import java.time.ZoneId;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.sermonuploader.model.StationReport;
import org.sermonuploader.model.StationView;
import org.sermonuploader.model.StationWords;

/** One station's card: name and state, what it uploads, when it was seen, its last recording. */
final class StationCards {
  private StationCards() {}

  static String summary(List<StationView> stations) {
    if (stations.isEmpty()) {
      return "No station reports into this bucket yet. Stations appear here a minute after they"
          + " start.";
    }
    long problems = stations.stream().filter(StationView::problem).count();
    return stations.size()
        + (stations.size() == 1 ? " station" : " stations")
        + (problems == 0
            ? ", all well."
            : problems == 1 ? ", 1 needs looking at." : ", " + problems + " need looking at.");
  }

  /** The card of {@code v}; {@code self} marks the station this window runs. */
  static VBox card(StationView v, ZoneId zone, boolean self) {
    Label name = label(v.name(), "station-name");
    Label state = label(StationWords.state(v), "station-state");
    HBox head = new HBox(8, name);
    if (self) head.getChildren().add(label("(this station)", "station-self"));
    head.getChildren().add(state);
    VBox card = new VBox(2, head);
    card.getStyleClass().add("station-card");
    if (self) card.getStyleClass().add("station-this");
    if (v.stale()) card.getStyleClass().add("station-stale");
    if (v.problem()) card.getStyleClass().add("station-problem");
    StationReport.Activity a = v.report().activity();
    for (StationReport.Upload u : a.uploads()) {
      card.getChildren()
          .add(label("Uploading " + u.name() + " " + u.percent() + "%", "station-upload"));
    }
    if (a.queueLength() > 0) {
      card.getChildren()
          .add(
              label(
                  a.queueLength()
                      + (a.queueLength() == 1 ? " recording" : " recordings")
                      + " in the queue",
                  "station-queue"));
    }
    String seen = StationWords.seen(v, zone);
    card.getChildren()
        .add(label(Character.toUpperCase(seen.charAt(0)) + seen.substring(1), "station-seen"));
    StationWords.lastRecording(v)
        .ifPresent(
            f ->
                card.getChildren()
                    .add(
                        label(
                            "Last recording: " + f.name() + " " + StationWords.finished(f, zone),
                            "station-last")));
    for (String p : StationWords.problems(v, zone)) {
      card.getChildren().add(label(p, "station-trouble"));
    }
    return card;
  }

  private static Label label(String text, String styleClass) {
    Label l = new Label(text);
    l.getStyleClass().add(styleClass);
    l.setWrapText(true);
    return l;
  }
}
