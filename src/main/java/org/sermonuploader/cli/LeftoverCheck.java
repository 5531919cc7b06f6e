package org.sermonuploader.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.sermonuploader.app.UploadService;
import org.sermonuploader.config.InvalidSettingException;
import org.sermonuploader.config.Setting;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.engine.s3.Leftovers;
import org.sermonuploader.engine.s3.S3Transfer;
import org.sermonuploader.journal.JournalException;

/** Finds, shows and removes unfinished uploads this computer left on the server (see {@link Leftovers}). */
final class LeftoverCheck {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private static final Clock clock = Clock.systemUTC();

  private LeftoverCheck() {}

  /** The leftovers of this service's S3 destination, or null for other destinations. */
  static Leftovers of(UploadService service) {
    if (!(service.transfer() instanceof S3Transfer)) return null;
    int days = service.settings().getInt(Setting.LEFTOVER_DAYS);
    if (days < 0) throw new InvalidSettingException(Setting.LEFTOVER_DAYS, "must be 0 or more");
    String prefix = UploadService.engineOptions(service.settings()).keys().prefix();
    return new Leftovers((S3Transfer) service.transfer(), prefix, Duration.ofDays(days), clock);
  }

  /** Removes the due leftovers and says so; a failure is only noted, uploads go on. */
  static void removeDue(UploadService service, PrintWriter out) {
    Leftovers leftovers = of(service);
    if (leftovers == null) return;
    try {
      for (Leftovers.Leftover l : leftovers.removeDue(service.journal())) {
        out.println("Removed an unfinished upload this computer left on the server: " + l.key()
            + " (started " + when(l.initiated()) + ").");
      }
    } catch (UploadException e) {
      out.println("Note: unfinished uploads on the server could not be checked: " + e.describe());
    } catch (JournalException e) {
      out.println("Note: unfinished uploads on the server could not be checked: " + e.getMessage());
    }
  }

  /** Prints the section of the status command; with {@code clean} removes the due ones. */
  static void print(Leftovers leftovers, UploadService service, boolean clean, PrintWriter out)
      throws UploadException, JournalException {
    Leftovers.Scan scan = leftovers.scan(service.journal());
    List<Leftovers.Leftover> ours = scan.ours();
    out.println();
    if (ours.isEmpty()) {
      out.println("No unfinished uploads of this computer on the server that its journal does not track.");
    } else {
      out.println("Unfinished uploads on the server not in this computer's journal (removed when older than "
          + days(leftovers.keepFor()) + "):");
      for (Leftovers.Leftover l : ours) {
        boolean removed = false;
        if (clean && l.due()) {
          service.transfer().abort(l.key(), l.uploadId());
          removed = true;
        }
        out.println("  " + l.key() + "  started " + when(l.initiated())
            + (removed ? "  removed now" : l.due() ? "  due for removal" : ""));
      }
      if (!clean && ours.stream().anyMatch(Leftovers.Leftover::due)) {
        out.println("They are removed at the next upload, or now with: status --clean-leftovers");
      }
    }
    if (scan.othersLeftAlone() > 0) {
      out.println(scan.othersLeftAlone() + " other unfinished upload(s) under this prefix belong to other"
          + " computers or apps as far as this computer knows; they are left alone.");
    }
  }

  static String when(Instant t) {
    if (t == null) return "at an unknown time";
    long days = Duration.between(t, clock.instant()).toDays();
    return WHEN.format(t) + (days >= 1 ? ", " + days + (days == 1 ? " day ago" : " days ago") : "");
  }

  private static String days(Duration d) {
    if (d.toHours() < 24) return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
    return d.toDays() + (d.toDays() == 1 ? " day" : " days");
  }
}
