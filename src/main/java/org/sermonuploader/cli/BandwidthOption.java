package org.sermonuploader.cli;

import java.io.PrintWriter;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.app.BandwidthLimit;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --bwlimit} for the commands that send or read back: checked as it is read, so a typo exits
 * 2.
 */
final class BandwidthOption {
  @Option(
      names = "--bwlimit",
      paramLabel = "LIMIT",
      converter = Parse.class,
      description =
          "Upper limit on the transfer rate (BANDWIDTH_LIMIT), as rclone writes it: 512K, 4M,"
              + " off, UP:DOWN (uploads limited by UP; download, verify and migrate read back by"
              + " DOWN), or a timetable such as 'Sun-08:00,512K Sun-13:00,off'.")
  @Nullable String limit;

  /** Asked whether the clock is set; a test puts its own answer here. */
  BooleanSupplier clockSync = BandwidthLimit::clockSet;

  Settings apply(Settings s) {
    return limit == null ? s : s.with(Setting.BANDWIDTH_LIMIT, limit);
  }

  /** Says once, before anything moves, that a timetable may be read against an unset clock. */
  void warnIfClockUnset(Settings s, PrintWriter out) {
    BandwidthLimit.clockWarning(s, clockSync).ifPresent(w -> out.println("Note: " + w));
  }

  static final class Parse implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      try {
        return BandwidthLimit.check(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
