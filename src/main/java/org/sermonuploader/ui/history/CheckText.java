package org.sermonuploader.ui.history;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.model.CheckOutcome;
import org.sermonuploader.model.RecordingCheck;

/** A recording's last check as its history row says it: "✓ checked 2026-11-29 14:03". */
public final class CheckText {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

  private CheckText() {}

  /** Empty when the recording was never checked. */
  public static String of(@Nullable RecordingCheck c) {
    if (c == null) return "";
    String when = WHEN.format(c.checkedAt());
    return switch (c.outcome()) {
      case MOVED -> c.outcome().words() + " " + when;
      case OK -> "✓ checked " + when;
      default -> "✗ " + c.outcome().words() + ", checked " + when;
    };
  }

  /** Whether the recording is on the server now, wherever it was first sent. */
  static boolean moved(@Nullable RecordingCheck c) {
    return c != null && c.outcome() == CheckOutcome.MOVED;
  }
}
