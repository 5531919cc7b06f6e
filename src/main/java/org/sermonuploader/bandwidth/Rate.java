package org.sermonuploader.bandwidth;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A send or receive rate in bytes per second, or no limit. Written the way rclone writes it, so
 * volunteers can copy what they know: a bare number is KiB/s, the suffixes B, K, M and G (either
 * case) are binary, and {@code off} (or 0) is no limit.
 */
public record Rate(long bytesPerSecond) {
  public static final Rate UNLIMITED = new Rate(0);

  private static final Pattern RATE =
      Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)([bkmg])?", Pattern.CASE_INSENSITIVE);

  public Rate {
    if (bytesPerSecond < 0) throw new IllegalArgumentException("a rate cannot be negative");
  }

  public boolean limited() {
    return bytesPerSecond > 0;
  }

  public static Rate parse(String text) {
    String t = text.trim();
    if (t.equalsIgnoreCase("off")) return UNLIMITED;
    Matcher m = RATE.matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a rate: write a number with K, M or G (e.g. 512K, 4M) or off");
    }
    double number = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "k" : m.group(2).toLowerCase(Locale.ROOT);
    long factor =
        switch (unit) {
          case "b" -> 1;
          case "m" -> 1L << 20;
          case "g" -> 1L << 30;
          default -> 1L << 10;
        };
    double bytes = number * factor;
    if (bytes >= Long.MAX_VALUE) throw new IllegalArgumentException("'" + text + "' is too large");
    if (bytes > 0 && bytes < 1) {
      throw new IllegalArgumentException("'" + text + "' is less than one byte per second");
    }
    return new Rate((long) bytes);
  }

  /** Back in the setting's own syntax, e.g. 512K, 4M, off. */
  @Override
  public String toString() {
    if (!limited()) return "off";
    String[] units = {"G", "M", "K"};
    int[] shifts = {30, 20, 10};
    for (int i = 0; i < units.length; i++) {
      long unit = 1L << shifts[i];
      if (bytesPerSecond % unit == 0) return bytesPerSecond / unit + units[i];
    }
    return bytesPerSecond + "B";
  }
}
