package org.sermonuploader.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The words the window and the {@code stations} command both use for a station. */
class StationWordsTest {
  private static final Instant NOW = Instant.parse("2026-12-08T09:00:00Z"); // a Tuesday

  private static StationView station(StationState state, Duration ago, String duplicate) {
    StationReport r =
        new StationReport(
            "North campus",
            "run-1",
            "test",
            "host",
            "/data",
            NOW.minus(Duration.ofDays(5)),
            NOW.minus(ago),
            new StationReport.Activity(state, List.of(), 0, List.of(), 0, "normal", 0),
            duplicate);
    return new StationView(r, NOW.minus(ago), NOW);
  }

  @Test
  void lastSeenIsSaidInMinutesHoursThenTheDay() {
    assertEquals(
        "seen just now",
        StationWords.seen(
            station(StationState.IDLE, Duration.ofSeconds(20), null), ZoneOffset.UTC));
    assertEquals(
        "seen 2 min ago",
        StationWords.seen(station(StationState.IDLE, Duration.ofMinutes(2), null), ZoneOffset.UTC));
    assertEquals(
        "seen 3 h ago",
        StationWords.seen(station(StationState.IDLE, Duration.ofHours(3), null), ZoneOffset.UTC));
    assertEquals(
        "not seen since Sun 11:02",
        StationWords.seen(
            station(StationState.IDLE, Duration.ofDays(1).plusHours(21).plusMinutes(58), null),
            ZoneOffset.UTC));
  }

  @Test
  void eachProblemIsOneSentenceAVolunteerUnderstands() {
    assertEquals(
        List.of(),
        StationWords.problems(
            station(StationState.STOPPED, Duration.ofDays(2), null), ZoneOffset.UTC));
    assertEquals(
        List.of(
            "Not heard from since Sun 09:00: the computer may be switched off, asleep or without"
                + " internet."),
        StationWords.problems(
            station(StationState.UPLOADING, Duration.ofDays(2), null), ZoneOffset.UTC));
    assertEquals(
        List.of(
            "Uploads are paused because the computer is short of memory.",
            "Another station uses the name \"North campus\" (pi-2, /data); give each station its"
                + " own STATION_NAME."),
        StationWords.problems(
            station(
                StationState.PAUSED_LOW_MEMORY,
                Duration.ofMinutes(1),
                "another station uses the name \"North campus\" (pi-2, /data); give each station"
                    + " its own STATION_NAME"),
            ZoneOffset.UTC));
  }
}
