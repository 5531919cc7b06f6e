package org.sermonuploader.model;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * When a station's recordings are expected (EXPECT_UPLOAD, EXPECT_WITHIN): by each deadline, a
 * recording from the station must have been stored within the time before it. The deadlines are
 * [DAY-]HH:MM on the station's own clock (its time zone), as in the bandwidth timetable; one
 * without a day is every day.
 *
 * @param text the deadlines as written, e.g. "Sun-13:00" or "Sun-13:00,Wed-21:00"
 * @param within how long before a deadline a recording counts for it
 * @param zone the station's time zone, in which the deadlines are read
 */
public record UploadExpectation(String text, Duration within, ZoneId zone) {
  private static final Pattern DEADLINE = Pattern.compile("(?:([A-Za-z]+)-)?(\\d{1,2}):(\\d{2})");
  private static final Pattern SPAN = Pattern.compile("(\\d+)\\s*([dhm])");

  /** The default EXPECT_WITHIN. */
  public static final Duration DEFAULT_WITHIN = Duration.ofHours(12);

  public UploadExpectation {
    deadlines(text); // checked once, here
    if (within.isNegative() || within.isZero()) {
      throw new IllegalArgumentException("must be a number of days, hours or minutes (12h, 90m)");
    }
  }

  /**
   * A deadline that passed without a recording.
   *
   * @param from the start of the time a recording was expected in
   * @param by the deadline
   */
  public record Missed(ZonedDateTime from, ZonedDateTime by) {}

  /** One deadline of the week; {@code day} null is every day. */
  private record Deadline(@Nullable DayOfWeek day, LocalTime time) {}

  /**
   * Reads EXPECT_WITHIN: "12h", "90m", "1d". Throws {@link IllegalArgumentException} saying in
   * plain words what is wrong.
   */
  public static Duration within(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    if (t.isEmpty()) return DEFAULT_WITHIN;
    Matcher m = SPAN.matcher(t);
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw new IllegalArgumentException(
          "'" + text + "' must be a number of days, hours or minutes (1d, 12h, 90m)");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "d" -> Duration.ofDays(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofMinutes(n);
    };
  }

  private static List<Deadline> deadlines(String text) {
    List<Deadline> out = new ArrayList<>();
    for (String token : text.strip().split("[,\\s]+", -1)) {
      Matcher m = DEADLINE.matcher(token);
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "'" + token + "' is not a day and time: write [DAY-]HH:MM, e.g. Sun-13:00");
      }
      int hour = Integer.parseInt(m.group(2));
      int minute = Integer.parseInt(m.group(3));
      if (hour > 23 || minute > 59) {
        throw new IllegalArgumentException(
            "'" + token + "' has no such time of day (00:00 to 23:59)");
      }
      DayOfWeek day = m.group(1) == null ? null : DayNames.parse(m.group(1), token);
      out.add(new Deadline(day, LocalTime.of(hour, minute)));
    }
    return out;
  }

  /** The latest deadline at or before {@code now}, in the station's zone. */
  public ZonedDateTime lastDeadline(Instant now) {
    ZonedDateTime here = now.atZone(zone);
    @Nullable ZonedDateTime best = null;
    for (Deadline d : deadlines(text)) {
      // the deadline today, then back a day at a time until one fits (at most a week)
      for (int back = 0; back <= 7; back++) {
        ZonedDateTime day = here.minusDays(back);
        if (d.day() != null && day.getDayOfWeek() != d.day()) continue;
        ZonedDateTime at = day.toLocalDate().atTime(d.time()).atZone(zone);
        if (at.isAfter(here)) continue;
        if (best == null || at.isAfter(best)) best = at;
        break;
      }
    }
    // every deadline comes round within a week, and there is at least one
    return Objects.requireNonNull(best);
  }

  /**
   * The last deadline, when no recording was stored from {@code within} before it until {@code
   * now}; empty when one was (a late one too: it has arrived).
   *
   * @param lastStored when the station's newest recording was stored, or null when never
   */
  public Optional<Missed> missed(Instant now, @Nullable Instant lastStored) {
    ZonedDateTime by = lastDeadline(now);
    ZonedDateTime from = by.minus(within);
    if (lastStored != null && !lastStored.isBefore(from.toInstant())) return Optional.empty();
    return Optional.of(new Missed(from, by));
  }

  /** When the newest recording among {@code finished} was stored (uploaded or already there). */
  public static @Nullable Instant lastStored(List<StationReport.Finished> finished) {
    Instant newest = null;
    for (StationReport.Finished f : finished) {
      if (!stored(f.outcome())) continue;
      if (newest == null || f.at().isAfter(newest)) newest = f.at();
    }
    return newest;
  }

  /**
   * Whether the outcome words a station reported mean the recording is on the server; a station of
   * another version may word a done upload differently after "done".
   */
  public static boolean stored(String outcome) {
    return outcome.startsWith(UploadOutcome.DONE.words())
        || outcome.equals(UploadOutcome.ALREADY_UPLOADED.words());
  }
}
