package org.sermonuploader.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One station as another station sees it.
 *
 * @param lastSeen when its heartbeat was last written, by the server's clock (the listing's
 *     LastModified), so a station with a wrong clock is still placed right
 * @param now the server's clock when the listing was read
 */
public record StationView(StationReport report, Instant lastSeen, Instant now) {
  /** A running station not heard from for this long is stale (killed, powered off, offline). */
  public static final Duration STALE_AFTER = Duration.ofMinutes(10);

  public String name() {
    return report.name();
  }

  public StationState state() {
    return report.activity().state();
  }

  /** Not heard from for {@link #STALE_AFTER} though it never said it stopped. */
  public boolean stale() {
    return state() != StationState.STOPPED
        && Duration.between(lastSeen, now).compareTo(STALE_AFTER) > 0;
  }

  /**
   * The deadline of EXPECT_UPLOAD that passed with no recording from the station, by the server's
   * clock; empty when none did (or it expects none).
   */
  public Optional<UploadExpectation.Missed> missed() {
    UploadExpectation e = report.expected();
    if (e == null) return Optional.empty();
    return e.missed(now, UploadExpectation.lastStored(report.activity().lastFinished()));
  }

  /**
   * Someone should look: paused for memory, failing, stale, sharing its name, or an expected
   * recording has not arrived.
   */
  public boolean problem() {
    return stale() || state().problem() || report.duplicate() != null || missed().isPresent();
  }

  /** The state in words, as a volunteer reads it. */
  public String words() {
    return stale() ? "not heard from (last: " + state().words() + ")" : state().words();
  }

  public Duration sinceSeen() {
    Duration d = Duration.between(lastSeen, now);
    return d.isNegative() ? Duration.ZERO : d;
  }
}
