package org.sermonuploader.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import org.sermonuploader.app.LeftoverCleanup;

/** Shows the unfinished uploads this computer left on the server, and those it removed. */
final class LeftoverCheck {
  private LeftoverCheck() {}

  /** Prints the section of the status command; {@code clean} when the due ones were removed. */
  static void print(LeftoverCleanup.Report report, boolean clean, PrintWriter out) {
    List<LeftoverCleanup.Found> ours = report.ours();
    out.println();
    if (ours.isEmpty()) {
      out.println(
          "No unfinished uploads of this computer on the server that its journal does not track.");
    } else {
      out.println(
          "Unfinished uploads on the server not in this computer's journal (removed when older than "
              + days(report.keepFor())
              + "):");
      for (LeftoverCleanup.Found l : ours) {
        out.println(
            "  "
                + TerminalText.safe(l.key())
                + "  started "
                + LeftoverCleanup.when(l.initiated())
                + (l.removed() ? "  removed now" : l.due() ? "  due for removal" : ""));
      }
      if (!clean && ours.stream().anyMatch(LeftoverCleanup.Found::due)) {
        out.println("They are removed at the next upload, or now with: status --clean-leftovers");
      }
    }
    if (report.othersLeftAlone() > 0) {
      out.println(
          report.othersLeftAlone()
              + " other unfinished upload(s) under this prefix belong to other"
              + " computers or apps as far as this computer knows; they are left alone.");
    }
  }

  private static String days(Duration d) {
    if (d.toHours() < 24) return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
    return d.toDays() + (d.toDays() == 1 ? " day" : " days");
  }
}
