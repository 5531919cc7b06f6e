package org.sermonuploader.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses sizes in settings such as 16MiB, 5MB, 1.5GiB or a plain byte count; {@link Units} prints
 * them.
 */
public final class ByteSize {
  private static final Pattern SIZE =
      Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([kmgt]?i?b?)?\\s*", Pattern.CASE_INSENSITIVE);

  private ByteSize() {}

  public static long parse(String text) {
    if (text == null) throw new IllegalArgumentException("no size given");
    Matcher m = SIZE.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a size (try 16MiB)");
    }
    double number = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
    long factor;
    switch (unit.isEmpty() ? "" : unit.substring(0, 1)) {
      case "k":
        factor = 1L << 10;
        break;
      case "m":
        factor = 1L << 20;
        break;
      case "g":
        factor = 1L << 30;
        break;
      case "t":
        factor = 1L << 40;
        break;
      default:
        factor = 1;
    }
    // "MB" and "MiB" both mean 2^20 here: volunteers do not care for the distinction.
    return (long) (number * factor);
  }
}
