package org.sermonuploader.app;

import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.bandwidth.Bandwidth;
import org.sermonuploader.bandwidth.ClockSync;
import org.sermonuploader.bandwidth.LimitInForce;
import org.sermonuploader.config.Settings;
import org.sermonuploader.model.LimitOverride;
import org.sermonuploader.model.UploadLimitNow;

/**
 * The running uploader's upload limit as the window shows and taps it: what holds now, the
 * Livestream now and Full speed now overrides, and new limits from saved settings put in force
 * without reopening. Two of these are equal when they steer the same uploader.
 */
public final class UploadLimit {
  private final Bandwidth bandwidth;

  UploadLimit(Bandwidth bandwidth) {
    this.bandwidth = bandwidth;
  }

  /** The controls of {@code bandwidth}, or null when no uploader runs. */
  public static @Nullable UploadLimit of(@Nullable Bandwidth bandwidth) {
    return bandwidth == null ? null : new UploadLimit(bandwidth);
  }

  public UploadLimitNow inForce() {
    return now(bandwidth.inForce());
  }

  /** What the timetable (or the plain limit) alone would hold now, overrides aside. */
  public UploadLimitNow usual() {
    return now(bandwidth.schedule().at(bandwidth.now()));
  }

  /** The override in force, or null when the timetable decides. */
  public @Nullable LimitOverride override() {
    Bandwidth.OverrideKind kind = bandwidth.override();
    if (kind == null) return null;
    return switch (kind) {
      case LIVESTREAM -> LimitOverride.LIVESTREAM;
      case FULL_SPEED -> LimitOverride.FULL_SPEED;
    };
  }

  public ZonedDateTime now() {
    return bandwidth.now();
  }

  /** The most bytes a second uploads send while Livestream now holds. */
  public long livestreamUpBytesPerSecond() {
    return bandwidth.livestream().up().bytesPerSecond();
  }

  /** Whether a timetable (rather than one plain limit) decides the limit. */
  public boolean timetable() {
    return bandwidth.schedule().timetable();
  }

  /**
   * The warning while the timetable may be read against a wrong clock; {@code clockSet} may run a
   * command, so call this off the FX thread.
   */
  public Optional<String> clockWarning(BooleanSupplier clockSet) {
    return ClockSync.mayMislead(bandwidth.schedule(), clockSet::getAsBoolean)
        ? Optional.of(ClockSync.WARNING)
        : Optional.empty();
  }

  /** A reopened uploader keeps the override tapped on the one before. */
  public void keepOverrideOf(UploadLimit previous) {
    bandwidth.keepOverrideOf(previous.bandwidth);
  }

  /** Puts the saved limits (BANDWIDTH_LIMIT, LIVESTREAM_LIMIT) in force at once. */
  public void apply(Settings s) {
    bandwidth.setSchedule(EngineSettings.bandwidthLimit(s));
    bandwidth.setLivestream(EngineSettings.livestreamLimit(s));
  }

  public void livestreamNow() {
    bandwidth.livestreamNow();
  }

  public void fullSpeedNow() {
    bandwidth.fullSpeedNow();
  }

  public void backToTimetable() {
    bandwidth.clearOverride();
  }

  static UploadLimitNow now(LimitInForce limit) {
    return new UploadLimitNow(limit.up().bytesPerSecond(), limit.until());
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof UploadLimit other && other.bandwidth == bandwidth;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(bandwidth);
  }
}
