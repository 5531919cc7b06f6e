package org.sermonuploader.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.sermonuploader.app.LeftoverCleanup;
import org.sermonuploader.app.UploadService;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.engine.s3.Leftovers;
import org.sermonuploader.journal.JournalException;

/**
 * Shows and removes unfinished uploads this computer left on the server (see {@link Leftovers}).
 */
final class LeftoverCheck {
  private LeftoverCheck() {}

  /** The leftovers of this service's S3 destination, or null for other destinations. */
  static Leftovers of(UploadService service) {
    return LeftoverCleanup.of(service);
  }

  /** Prints the section of the status command; with {@code clean} removes the due ones. */
  static void print(Leftovers leftovers, UploadService service, boolean clean, PrintWriter out)
      throws UploadException, JournalException {
    Leftovers.Scan scan = leftovers.scan(service.journal());
    List<Leftovers.Leftover> ours = scan.ours();
    out.println();
    if (ours.isEmpty()) {
      out.println(
          "No unfinished uploads of this computer on the server that its journal does not track.");
    } else {
      out.println(
          "Unfinished uploads on the server not in this computer's journal (removed when older than "
              + days(leftovers.keepFor())
              + "):");
      for (Leftovers.Leftover l : ours) {
        boolean removed = false;
        if (clean && l.due()) {
          service.transfer().abort(l.key(), l.uploadId());
          removed = true;
        }
        out.println(
            "  "
                + TerminalText.safe(l.key())
                + "  started "
                + when(l.initiated())
                + (removed ? "  removed now" : l.due() ? "  due for removal" : ""));
      }
      if (!clean && ours.stream().anyMatch(Leftovers.Leftover::due)) {
        out.println("They are removed at the next upload, or now with: status --clean-leftovers");
      }
    }
    if (scan.othersLeftAlone() > 0) {
      out.println(
          scan.othersLeftAlone()
              + " other unfinished upload(s) under this prefix belong to other"
              + " computers or apps as far as this computer knows; they are left alone.");
    }
  }

  static String when(Instant t) {
    return LeftoverCleanup.when(t);
  }

  private static String days(Duration d) {
    if (d.toHours() < 24) return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
    return d.toDays() + (d.toDays() == 1 ? " day" : " days");
  }
}
