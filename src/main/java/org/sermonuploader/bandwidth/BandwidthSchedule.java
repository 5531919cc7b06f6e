package org.sermonuploader.bandwidth;

import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sermonuploader.model.DayNames;

/**
 * The {@code BANDWIDTH_LIMIT} setting in rclone's {@code --bwlimit} syntax: one rate, an {@code
 * UP:DOWN} pair, or a weekly timetable of {@code [DAY-]HH:MM,RATE} entries separated by spaces. The
 * entry in force is the latest one at or before now on the station's clock, wrapping round the
 * week; an entry without a day applies every day.
 */
public final class BandwidthSchedule {
  private static final int MINUTES_PER_WEEK = 7 * 24 * 60;
  private static final Pattern ENTRY =
      Pattern.compile("(?:([A-Za-z]+)-)?(\\d{1,2}):(\\d{2}),(\\S+)");

  public static final BandwidthSchedule OFF = new BandwidthSchedule("off", new TreeMap<>());

  private final String text;

  /** Minute of the week (Monday 00:00 is 0) to the rates from then on. */
  private final NavigableMap<Integer, RatePair> week;

  private BandwidthSchedule(String text, NavigableMap<Integer, RatePair> week) {
    this.text = text;
    this.week = week;
  }

  /**
   * Reads the setting; empty means no limit. Throws {@link IllegalArgumentException} whose message
   * says in plain words what is wrong.
   */
  public static BandwidthSchedule parse(String text) {
    if (text == null || text.isBlank()) return OFF;
    String[] tokens = text.trim().split("\\s+", -1);
    TreeMap<Integer, RatePair> week = new TreeMap<>();
    if (tokens.length == 1 && !tokens[0].contains(",")) {
      week.put(0, RatePair.parse(tokens[0]));
      return new BandwidthSchedule(text.trim(), week);
    }
    for (String token : tokens) {
      Matcher m = ENTRY.matcher(token);
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "'"
                + token
                + "' is not a timetable entry: write [DAY-]HH:MM,RATE, e.g. Sun-08:00,512K or"
                + " 22:00,off");
      }
      int hour = Integer.parseInt(m.group(2));
      int minute = Integer.parseInt(m.group(3));
      if (hour > 23 || minute > 59) {
        throw new IllegalArgumentException(
            "'" + token + "' has no such time of day (00:00 to 23:59)");
      }
      RatePair rates = RatePair.parse(m.group(4));
      int time = hour * 60 + minute;
      if (m.group(1) == null) {
        for (int day = 0; day < 7; day++) week.put(day * 24 * 60 + time, rates);
      } else {
        week.put((DayNames.parse(m.group(1), token).getValue() - 1) * 24 * 60 + time, rates);
      }
    }
    return new BandwidthSchedule(text.trim(), week);
  }

  /** Whether the limit depends on the time, so the station's clock matters. */
  public boolean timetable() {
    return week.size() > 1;
  }

  /**
   * The limits in force at {@code now} and the moment they next change (null when they never do).
   */
  public LimitInForce at(ZonedDateTime now) {
    if (week.isEmpty()) return new LimitInForce(RatePair.UNLIMITED, null);
    int minute = minuteOfWeek(now.toLocalDateTime());
    var current = week.floorEntry(minute);
    if (current == null) current = week.lastEntry();
    RatePair rates = current.getValue();
    List<Integer> later = new ArrayList<>(week.keySet());
    later.sort(Comparator.comparingInt(m -> Math.floorMod(m - minute - 1, MINUTES_PER_WEEK)));
    for (int start : later) {
      if (!rates.equals(week.get(start))) {
        int ahead = Math.floorMod(start - minute - 1, MINUTES_PER_WEEK) + 1;
        LocalDateTime local = now.toLocalDateTime().truncatedTo(ChronoUnit.MINUTES);
        return new LimitInForce(rates, ZonedDateTime.of(local.plusMinutes(ahead), now.getZone()));
      }
    }
    return new LimitInForce(rates, null);
  }

  private static int minuteOfWeek(LocalDateTime t) {
    return ((t.getDayOfWeek().getValue() - 1) * 24 + t.getHour()) * 60 + t.getMinute();
  }

  /** The setting as written (trimmed). */
  @Override
  public String toString() {
    return text;
  }
}
