package org.sermonuploader.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;

/**
 * Sizes, speeds and durations as the window, the command line and the notifications show them.
 * Sizes and speeds use SI units (kB, MB, GB = 10^3, 10^6, 10^9 bytes) with one decimal, as GTK's
 * file chooser and the Pi's file manager show sizes, so a recording has the same size here as
 * there. Settings are still read with {@link ByteSize}, where MB and MiB both mean 2^20.
 */
public final class Units {
  private static final String[] PREFIXES = {"kB", "MB", "GB", "TB"};

  private Units() {}

  /** "999 B", "12.0 kB", "314.6 MB", "1.5 GB". */
  public static String size(long bytes) {
    // sizes past 2^53 bytes lose digits only beyond the one decimal shown
    return scaled((double) bytes, "");
  }

  /** "2.1 MB/s", "51.2 kB/s". */
  public static String rate(double bytesPerSecond) {
    return scaled(bytesPerSecond, "/s");
  }

  /**
   * A speed limit: "524 kB/s" for 512 KiB/s, "4.2 MB/s" for 4 MiB/s. Whole kB/s below a megabyte: a
   * limit is a round setting, and its tenths of a kB/s would only make it look measured.
   */
  public static String limit(long bytesPerSecond) {
    if (bytesPerSecond < 999_500)
      return bytesPerSecond < 1000
          ? bytesPerSecond + " B/s"
          : fixed(bytesPerSecond / 1000.0, 0) + " kB/s";
    // from 999.5 kB/s on, the next unit with its one decimal, as rate() writes it
    return rate((double) Math.max(bytesPerSecond, 1_000_000));
  }

  private static String scaled(double value, String per) {
    if (Math.abs(value) < 1000) return fixed(value, 0) + " B" + per;
    int i = 0;
    value /= 1000;
    // 999.96 kB would print as "1000.0 kB": take the next unit from there on
    while (Math.abs(value) >= 999.95 && i < PREFIXES.length - 1) {
      value /= 1000;
      i++;
    }
    return fixed(value, 1) + " " + PREFIXES[i] + per;
  }

  /**
   * {@code value} with {@code places} decimals, the same text as {@code String.format("%.1f")}
   * (half up, from the shortest decimal that stands for the double). Every row and progress line
   * writes a few of these, and the formatter parses its pattern each time: a folder of 500 small
   * recordings spent about 3 % of its CPU samples in it.
   */
  public static String fixed(double value, int places) {
    if (!Double.isFinite(value) || value < 0) {
      return String.format(Locale.ROOT, "%." + places + "f", value);
    }
    return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).toPlainString();
  }

  private static String twoDigits(long n) {
    return n < 10 ? "0" + n : Long.toString(n);
  }

  /** A rough duration, for time left: "40 s", "3 min", "1 h 5 min". */
  public static String rough(long seconds) {
    if (seconds < 60) return seconds + " s";
    long minutes = (seconds + 30) / 60;
    if (minutes < 60) return minutes + " min";
    return (minutes / 60) + " h " + (minutes % 60) + " min";
  }

  /** An exact duration, for what took how long: "0.4 s", "12 s", "4 min 09 s", "3 d 04 h". */
  public static String elapsed(Duration d) {
    long millis = d.toMillis();
    if (millis < 1000) return fixed(millis / 1000.0, 1) + " s";
    long s = Math.round(millis / 1000.0);
    if (s >= 86_400)
      return String.format(Locale.ROOT, "%d d %02d h", s / 86_400, s % 86_400 / 3600);
    if (s >= 3600) return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
    if (s >= 60) return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    return s + " s";
  }

  /** A length as a clock: "1:02:03" or "45:10". */
  public static String clock(long seconds) {
    if (seconds < 0) return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    if (seconds >= 3600)
      return seconds / 3600 + ":" + twoDigits(seconds / 60 % 60) + ":" + twoDigits(seconds % 60);
    return seconds / 60 + ":" + twoDigits(seconds % 60);
  }
}
