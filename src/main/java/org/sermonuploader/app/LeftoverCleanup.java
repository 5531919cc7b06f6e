package org.sermonuploader.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.config.InvalidSettingException;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.engine.JournalException;
import org.sermonuploader.engine.Leftovers;
import org.sermonuploader.engine.UploadException;
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

  /** One unfinished upload of this computer on the server; {@code removed} by this look. */
  public record Found(String key, @Nullable Instant initiated, boolean due, boolean removed) {}

  /**
   * What the server holds: this computer's unfinished uploads the journal does not track, how many
   * others are left alone (other computers' or apps'), and how long they are kept.
   */
  public record Report(List<Found> ours, int othersLeftAlone, Duration keepFor) {
    public Report {
      ours = List.copyOf(ours);
    }
  }

  /**
   * Asks the server for this computer's leftovers; with {@code clean} removes the due ones. Empty
   * when the destination can't list them. Talks to the server: not on a UI thread.
   */
  public static Optional<Report> look(UploadService service, boolean clean)
      throws UploadException, JournalException {
    Leftovers leftovers = of(service);
    if (leftovers == null) return Optional.empty();
    Leftovers.Scan scan = leftovers.scan(service.journal());
    List<Found> ours = new ArrayList<>();
    for (Leftovers.Leftover l : scan.ours()) {
      boolean remove = clean && l.due();
      if (remove) service.transfer().abort(l.key(), l.uploadId());
      ours.add(new Found(l.key(), l.initiated(), l.due(), remove));
    }
    return Optional.of(new Report(ours, scan.othersLeftAlone(), leftovers.keepFor()));
  }

  /** The leftovers of this service's destination, or null when it can't list them. */
  static @Nullable Leftovers of(UploadService service) {
    return service.transfer().leftovers(() -> policy(service)).orElse(null);
  }

  private static Leftovers.Policy policy(UploadService service) {
    String prefix = EngineSettings.options(service.settings()).keys().prefix();
    return new Leftovers.Policy(prefix, keepFor(service.settings()), clock);
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
  public static String when(@Nullable Instant t) {
    if (t == null) return "at an unknown time";
    long days = Duration.between(t, clock.instant()).toDays();
    return WHEN.format(t) + (days >= 1 ? ", " + days + (days == 1 ? " day ago" : " days ago") : "");
  }
}
