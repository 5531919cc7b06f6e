package org.sermonuploader.ui;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.app.BandwidthLimit;
import org.sermonuploader.config.Units;
import org.sermonuploader.model.LimitOverride;
import org.sermonuploader.model.UploadLimitNow;

/** The bandwidth limit in the window's words and units (kB/s, MB/s, and the typed K or M). */
public final class BandwidthText {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
  private static final DateTimeFormatter DAY_TIME =
      DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH);

  private BandwidthText() {}

  /** "limited to 524 kB/s until 13:00", or "" when nothing limits the uploads now. */
  public static String cap(UploadLimitNow limit, ZonedDateTime now) {
    if (!limit.limited()) return "";
    return "limited to " + rate(limit.upBytesPerSecond()) + until(limit, now);
  }

  /**
   * A limit in the window's units, and as a setting typed in binary units writes it: "262 kB/s
   * (256K)", so it can be found next to the "256K" typed in Settings.
   */
  public static String rate(long bytesPerSecond) {
    String shown = Units.limit(bytesPerSecond);
    if (bytesPerSecond <= 0 || bytesPerSecond % 1000 == 0) return shown;
    if (bytesPerSecond % (1L << 20) == 0) return shown + " (" + (bytesPerSecond >> 20) + "M)";
    if (bytesPerSecond % 1024 == 0) return shown + " (" + (bytesPerSecond >> 10) + "K)";
    return shown;
  }

  /**
   * The line above the queue: "Uploads: limited to 524 kB/s until 13:00", "Livestream: uploads
   * limited to 262 kB/s until 15:42", "Full speed now until 15:42, then the timetable".
   */
  public static String state(
      UploadLimitNow limit, @Nullable LimitOverride override, ZonedDateTime now) {
    if (override == LimitOverride.FULL_SPEED) {
      return "Full speed now" + until(limit, now) + ", then the timetable";
    }
    String words = words(limit) + until(limit, now);
    return override == LimitOverride.LIVESTREAM
        ? "Livestream: uploads " + words
        : "Uploads: " + words;
  }

  /**
   * What a timetable does from {@code now}, for the Settings field: "Now limited to 524 kB/s until
   * 13:00, then full speed." Throws {@link IllegalArgumentException} for a value that can't be
   * read.
   */
  public static String preview(String setting, ZonedDateTime now) {
    UploadLimitNow current = BandwidthLimit.at(setting, now);
    String text = "Now " + words(current) + until(current, now);
    if (current.until() == null) return text + ".";
    return text + ", then " + words(BandwidthLimit.at(setting, current.until())) + ".";
  }

  /**
   * The preview while Livestream now or Full speed now sets the timetable aside, so Settings says
   * what the window says: "Now limited to 262 kB/s by Livestream now until 15:42, then full speed
   * (the timetable)." {@code override} is what holds now; {@code setting} is the timetable typed.
   */
  public static String preview(
      String setting, LimitOverride kind, UploadLimitNow override, ZonedDateTime now) {
    BandwidthLimit.check(setting);
    String by = kind == LimitOverride.LIVESTREAM ? " by Livestream now" : " (Full speed now)";
    String text = "Now " + words(override) + by + until(override, now);
    if (override.until() == null) return text + ".";
    return text
        + ", then "
        + words(BandwidthLimit.at(setting, override.until()))
        + " (the timetable).";
  }

  private static String words(UploadLimitNow limit) {
    return limit.limited() ? "limited to " + rate(limit.upBytesPerSecond()) : "full speed";
  }

  private static String until(UploadLimitNow limit, ZonedDateTime now) {
    ZonedDateTime until = limit.until();
    if (until == null) return "";
    boolean today = until.toLocalDate().equals(now.toLocalDate());
    return " until " + (today ? TIME : DAY_TIME).format(until);
  }
}
