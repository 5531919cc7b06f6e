package org.sermonuploader.model;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A station in the words the window and the {@code stations} command both show. */
public final class StationWords {
  private static final DateTimeFormatter DAY_TIME =
      DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH);

  private StationWords() {}

  /** "seen just now", "seen 4 min ago", "seen 3 h ago", "not seen since Sun 11:02" after a day. */
  public static String seen(StationView v, ZoneId zone) {
    Duration d = v.sinceSeen();
    if (d.toMinutes() < 1) return "seen just now";
    if (d.toHours() < 1) return "seen " + d.toMinutes() + " min ago";
    if (d.toDays() < 1) return "seen " + d.toHours() + " h ago";
    return "not seen since " + DAY_TIME.format(v.lastSeen().atZone(zone));
  }

  /** The recording it finished last, whatever the outcome; empty before its first. */
  public static Optional<StationReport.Finished> lastRecording(StationView v) {
    List<StationReport.Finished> f = v.report().activity().lastFinished();
    return f.isEmpty() ? Optional.empty() : Optional.of(f.get(0));
  }

  /** "(uploaded, Sun 10:02)": how and when a recording finished. */
  public static String finished(StationReport.Finished f, ZoneId zone) {
    return "(" + f.outcome() + ", " + DAY_TIME.format(f.at().atZone(zone)) + ")";
  }

  /**
   * What someone should look at, one sentence each, in words a volunteer understands; empty when
   * the station is well.
   */
  public static List<String> problems(StationView v, ZoneId zone) {
    List<String> out = new ArrayList<>();
    if (v.stale()) {
      out.add(
          "Not heard from "
              + (v.sinceSeen().toDays() < 1
                  ? "for " + v.sinceSeen().toMinutes() + " minutes"
                  : "since " + DAY_TIME.format(v.lastSeen().atZone(zone)))
              + ": the computer may be switched off, asleep or without internet.");
    } else if (v.state() == StationState.PAUSED_LOW_MEMORY) {
      out.add("Uploads are paused because the computer is short of memory.");
    } else if (v.state() == StationState.FAILING) {
      out.add("An upload failed there: retry or remove it in that station's queue.");
    }
    v.missed().ifPresent(m -> out.add(missed(v.name(), m) + "."));
    String duplicate = v.report().duplicate();
    if (duplicate != null && !duplicate.isBlank()) {
      out.add(Character.toUpperCase(duplicate.charAt(0)) + duplicate.substring(1) + ".");
    }
    return out;
  }

  /**
   * "No recording from North campus since Sun 01:00; one was expected by Sun 13:00", on the
   * station's own clock (where its EXPECT_UPLOAD is read).
   */
  public static String missed(String station, UploadExpectation.Missed m) {
    return "No recording from "
        + station
        + " since "
        + DAY_TIME.format(m.from())
        + "; one was expected by "
        + DAY_TIME.format(m.by());
  }

  /**
   * The post to Discord: "No recording from North campus since Sun 01:00; one was expected by Sun
   * 13:00 (last seen Sun 08:57, paused: low memory)."
   */
  public static String missedNotice(StationView v, UploadExpectation.Missed m) {
    return missed(v.name(), m)
        + " (last seen "
        + DAY_TIME.format(v.lastSeen().atZone(m.by().getZone()))
        + ", "
        + v.words()
        + ").";
  }

  /** The state as the first word of a line: "Uploading", "Not heard from (last: idle)". */
  public static String state(StationView v) {
    String w = v.words();
    return Character.toUpperCase(w.charAt(0)) + w.substring(1);
  }
}
