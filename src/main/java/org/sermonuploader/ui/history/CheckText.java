package org.sermonuploader.ui.history;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.sermonuploader.journal.Checks;
import org.sermonuploader.library.Verifier;

/** A recording's last check as its history row says it: "✓ checked 2026-11-29 14:03". */
public final class CheckText {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

  private CheckText() {}

  /** Empty when the recording was never checked. */
  public static String of(Checks.Check c) {
    if (c == null) return "";
    if (c.outcome().equals(Checks.MOVED))
      return "moved to the server " + WHEN.format(c.checkedAt());
    Verifier.Outcome o;
    try {
      o = Verifier.Outcome.valueOf(c.outcome());
    } catch (IllegalArgumentException e) {
      return ""; // written by a newer version: not ours to name
    }
    String when = "checked " + WHEN.format(c.checkedAt());
    return o == Verifier.Outcome.OK ? "✓ " + when : "✗ " + o.words() + ", " + when;
  }
}
