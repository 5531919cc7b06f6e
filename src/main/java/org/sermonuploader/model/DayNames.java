package org.sermonuploader.model;

import java.time.DayOfWeek;
import java.util.Locale;

/** Days as the settings write them: Sun or Sunday, in any case. */
public final class DayNames {
  private DayNames() {}

  /**
   * The day {@code name} means; {@code token} is the whole entry it came from, for the message of
   * the {@link IllegalArgumentException} thrown when it is no day.
   */
  public static DayOfWeek parse(String name, String token) {
    String n = name.toLowerCase(Locale.ROOT);
    for (DayOfWeek d : DayOfWeek.values()) {
      String full = d.name().toLowerCase(Locale.ROOT);
      if (n.equals(full) || n.equals(full.substring(0, 3))) return d;
    }
    throw new IllegalArgumentException(
        "'" + token + "': '" + name + "' is not a day (Mon, Tue, Wed, Thu, Fri, Sat or Sun)");
  }
}
