package org.sermonuploader.ui;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.sermonuploader.bandwidth.Bandwidth;
import org.sermonuploader.bandwidth.BandwidthSchedule;
import org.sermonuploader.bandwidth.LimitInForce;
import org.sermonuploader.bandwidth.Rate;
import org.sermonuploader.config.Units;

/** The bandwidth limit in the window's words and units (kB/s, MB/s). */
public final class BandwidthText {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
  private static final DateTimeFormatter DAY_TIME =
      DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH);

  private BandwidthText() {}

  /** "limited to 524 kB/s until 13:00", or "" when nothing limits the uploads now. */
  public static String cap(LimitInForce limit, ZonedDateTime now) {
    if (!limit.up().limited()) return "";
    return "limited to " + Units.limit(limit.up().bytesPerSecond()) + until(limit, now);
  }

  /**
   * The line above the queue: "Uploads: limited to 524 kB/s until 13:00", "Livestream: uploads
   * limited to 262 kB/s until 15:42", "Full speed now until 15:42, then the timetable".
   */
  public static String state(
      LimitInForce limit, Bandwidth.OverrideKind override, ZonedDateTime now) {
    if (override == Bandwidth.OverrideKind.FULL_SPEED) {
      return "Full speed now" + until(limit, now) + ", then the timetable";
    }
    String words = words(limit.up()) + until(limit, now);
    return override == Bandwidth.OverrideKind.LIVESTREAM
        ? "Livestream: uploads " + words
        : "Uploads: " + words;
  }

  /**
   * What a timetable does from {@code now}, for the Settings field: "Now limited to 524 kB/s until
   * 13:00, then full speed." Throws {@link IllegalArgumentException} for a value that can't be
   * read.
   */
  public static String preview(String setting, ZonedDateTime now) {
    BandwidthSchedule schedule = BandwidthSchedule.parse(setting);
    LimitInForce current = schedule.at(now);
    String text = "Now " + words(current.up()) + until(current, now);
    if (current.until() == null) return text + ".";
    return text + ", then " + words(schedule.at(current.until()).up()) + ".";
  }

  /**
   * The preview while Livestream now or Full speed now sets the timetable aside, so Settings says
   * what the window says: "Now limited to 262 kB/s by Livestream now until 15:42, then full speed
   * (the timetable)." {@code override} is what holds now; {@code setting} is the timetable typed.
   */
  public static String preview(
      String setting, Bandwidth.OverrideKind kind, LimitInForce override, ZonedDateTime now) {
    BandwidthSchedule schedule = BandwidthSchedule.parse(setting);
    String by =
        kind == Bandwidth.OverrideKind.LIVESTREAM ? " by Livestream now" : " (Full speed now)";
    String text = "Now " + words(override.up()) + by + until(override, now);
    if (override.until() == null) return text + ".";
    return text + ", then " + words(schedule.at(override.until()).up()) + " (the timetable).";
  }

  private static String words(Rate rate) {
    return rate.limited() ? "limited to " + Units.limit(rate.bytesPerSecond()) : "full speed";
  }

  private static String until(LimitInForce limit, ZonedDateTime now) {
    if (limit.until() == null) return "";
    boolean today = limit.until().toLocalDate().equals(now.toLocalDate());
    return " until " + (today ? TIME : DAY_TIME).format(limit.until());
  }
}
