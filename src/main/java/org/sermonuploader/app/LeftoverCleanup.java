package org.sermonuploader.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sermonuploader.config.InvalidSettingException;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.engine.s3.Leftovers;
import org.sermonuploader.engine.s3.S3Transfer;
import org.sermonuploader.journal.JournalException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the unfinished uploads this computer left on the server (see {@link Leftovers}) before
 * new uploads start. The CLI and the window both run it, and tell the user the same words.
 */
public final class LeftoverCleanup {
  private static final Logger log = LoggerFactory.getLogger(LeftoverCleanup.class);
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final Clock clock = Clock.systemUTC();

  private LeftoverCleanup() {}

  /** The leftovers of this service's S3 destination, or null for other destinations. */
  public static Leftovers of(UploadService service) {
    if (!(service.transfer() instanceof S3Transfer)) return null;
    Duration keepFor = keepFor(service.settings());
    String prefix = UploadService.engineOptions(service.settings()).keys().prefix();
    return new Leftovers((S3Transfer) service.transfer(), prefix, keepFor, clock);
  }

  /**
   * How long an unfinished upload is left alone (LEFTOVER_DAYS).
   *
   * @throws InvalidSettingException when LEFTOVER_DAYS is not 0 or more days
   */
  static Duration keepFor(Settings s) {
    int days = s.getInt(Setting.LEFTOVER_DAYS);
    if (days < 0) throw new InvalidSettingException(Setting.LEFTOVER_DAYS, "must be 0 or more");
    return Duration.ofDays(days);
  }

  /**
   * Removes the due leftovers; returns what to tell the user (one line per removed upload, or a
   * note that the server could not be asked): a server that does not answer never stops uploads.
   * Talks to the server: not on a UI thread.
   *
   * @throws InvalidSettingException when LEFTOVER_DAYS is not a number of days
   */
  public static List<String> removeDue(UploadService service) {
    List<String> lines = new ArrayList<>();
    Leftovers leftovers = of(service);
    if (leftovers == null) return lines;
    try {
      for (Leftovers.Leftover l : leftovers.removeDue(service.journal())) {
        lines.add(
            "Removed an unfinished upload this computer left on the server: "
                + l.key()
                + " (started "
                + when(l.initiated())
                + ").");
      }
    } catch (UploadException e) {
      log.warn("Unfinished uploads on the server could not be checked: {}", e.describe());
      lines.add("Note: unfinished uploads on the server could not be checked: " + e.describe());
    } catch (JournalException e) {
      log.warn("Unfinished uploads on the server could not be checked", e);
      lines.add("Note: unfinished uploads on the server could not be checked: " + e.getMessage());
    }
    return lines;
  }

  /** A start time as people read it: "2024-05-12 09:30 UTC, 3 days ago". */
  public static String when(Instant t) {
    if (t == null) return "at an unknown time";
    long days = Duration.between(t, clock.instant()).toDays();
    return WHEN.format(t) + (days >= 1 ? ", " + days + (days == 1 ? " day ago" : " days ago") : "");
  }
}
