package org.sermonuploader.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * EXPECT_UPLOAD: by each deadline a recording stored in the time before it, on the station's clock.
 */
class UploadExpectationTest {
  private static final UploadExpectation SUNDAY =
      new UploadExpectation("Sun-13:00", Duration.ofHours(12), ZoneOffset.UTC);

  @Test
  void aSundayWithoutARecordingIsMissedFromThirteenUntilOneArrives() {
    Instant saturday = Instant.parse("2026-12-05T18:00:00Z");
    Instant before = Instant.parse("2026-12-06T12:59:00Z"); // Sunday
    Instant after = Instant.parse("2026-12-06T13:00:00Z");
    assertTrue(SUNDAY.missed(before, saturday).isEmpty(), "the deadline has not come");
    UploadExpectation.Missed m = SUNDAY.missed(after, saturday).orElseThrow();
    assertEquals(Instant.parse("2026-12-06T01:00:00Z"), m.from().toInstant());
    assertEquals(Instant.parse("2026-12-06T13:00:00Z"), m.by().toInstant());
    assertTrue(SUNDAY.missed(after, null).isPresent(), "never uploaded");
    // stored at 09:30 that Sunday: in time
    assertTrue(SUNDAY.missed(after, Instant.parse("2026-12-06T09:30:00Z")).isEmpty());
    // a late one clears it; on Wednesday the missed Sunday is still said
    assertTrue(SUNDAY.missed(after.plusSeconds(3600), after.plusSeconds(1800)).isEmpty());
    assertTrue(SUNDAY.missed(Instant.parse("2026-12-09T10:00:00Z"), saturday).isPresent());
  }

  @Test
  void severalDeadlinesTheLatestPassedCountsOnTheStationsClock() {
    UploadExpectation e =
        new UploadExpectation(
            "Sun-13:00, wed-21:00", Duration.ofHours(4), ZoneId.of("Europe/London"));
    Instant thursday = Instant.parse("2026-12-10T09:00:00Z");
    assertEquals(
        Instant.parse("2026-12-09T21:00:00Z"), e.lastDeadline(thursday).toInstant()); // UTC+0
    UploadExpectation summer =
        new UploadExpectation("Sun-13:00", Duration.ofHours(12), ZoneId.of("Europe/London"));
    assertEquals(
        Instant.parse("2026-07-05T12:00:00Z"),
        summer.lastDeadline(Instant.parse("2026-07-06T08:00:00Z")).toInstant()); // BST
    UploadExpectation daily = new UploadExpectation("07:30", Duration.ofHours(1), ZoneOffset.UTC);
    assertEquals(
        Instant.parse("2026-12-08T07:30:00Z"),
        daily.lastDeadline(Instant.parse("2026-12-09T07:29:00Z")).toInstant());
  }

  @Test
  void onlyStoredRecordingsCount() {
    Instant t = Instant.parse("2026-12-06T09:00:00Z");
    List<StationReport.Finished> finished =
        List.of(
            new StationReport.Finished("a.wav", 1, null, t, "failed"),
            new StationReport.Finished("b.wav", 1, null, t.minusSeconds(60), "cancelled"),
            new StationReport.Finished("c.wav", 1, null, t.minusSeconds(7200), "done"));
    assertEquals(t.minusSeconds(7200), UploadExpectation.lastStored(finished));
    assertTrue(UploadExpectation.stored("done, under a new name"));
    assertTrue(UploadExpectation.stored("already uploaded"));
    assertEquals(null, UploadExpectation.lastStored(finished.subList(0, 2)));
  }

  @Test
  void wrongValuesAreSaidPlainly() {
    IllegalArgumentException day =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new UploadExpectation(
                    "Sunday-13:00,Sonntag-13:00", SUNDAY.within(), ZoneOffset.UTC));
    assertEquals(
        "'Sonntag-13:00': 'Sonntag' is not a day (Mon, Tue, Wed, Thu, Fri, Sat or Sun)",
        day.getMessage());
    assertEquals(
        "'1pm' is not a day and time: write [DAY-]HH:MM, e.g. Sun-13:00",
        assertThrows(
                IllegalArgumentException.class,
                () -> new UploadExpectation("1pm", SUNDAY.within(), ZoneOffset.UTC))
            .getMessage());
    assertEquals(Duration.ofMinutes(90), UploadExpectation.within("90m"));
    assertEquals(Duration.ofDays(1), UploadExpectation.within("1d"));
    assertEquals(UploadExpectation.DEFAULT_WITHIN, UploadExpectation.within(""));
    assertThrows(IllegalArgumentException.class, () -> UploadExpectation.within("soon"));
    assertEquals(Optional.empty(), Optional.ofNullable(UploadExpectation.lastStored(List.of())));
  }
}
