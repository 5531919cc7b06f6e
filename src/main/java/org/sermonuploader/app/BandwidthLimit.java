package org.sermonuploader.app;

import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.sermonuploader.bandwidth.BandwidthSchedule;
import org.sermonuploader.bandwidth.ClockSync;
import org.sermonuploader.config.Settings;
import org.sermonuploader.model.UploadLimitNow;

/** The bandwidth limit as a face takes it from the user and warns about it. */
public final class BandwidthLimit {
  private BandwidthLimit() {}

  /**
   * {@code text} as BANDWIDTH_LIMIT stores it.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  public static String check(String text) {
    return BandwidthSchedule.parse(text).toString();
  }

  /**
   * The upload limit {@code text} (as BANDWIDTH_LIMIT stores it) holds at {@code when}.
   *
   * @throws IllegalArgumentException saying what is wrong with the text
   */
  public static UploadLimitNow at(String text, ZonedDateTime when) {
    return UploadLimit.now(BandwidthSchedule.parse(text).at(when));
  }

  /** Whether this computer's clock is set from the network (or nothing can tell). */
  public static boolean clockSet() {
    return ClockSync.system().synchronised();
  }

  /** The warning to give once, before anything moves, when a timetable meets an unset clock. */
  public static Optional<String> clockWarning(Settings s, BooleanSupplier clockSet) {
    return ClockSync.mayMislead(EngineSettings.bandwidthLimit(s), clockSet::getAsBoolean)
        ? Optional.of(ClockSync.WARNING)
        : Optional.empty();
  }
}
