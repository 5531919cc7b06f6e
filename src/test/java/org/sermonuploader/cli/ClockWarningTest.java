package org.sermonuploader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;

/** A timetable read against a clock the Pi has not set yet: the command line says so once. */
class ClockWarningTest {
  private static String said(String limit, boolean synchronised) {
    BandwidthOption option = new BandwidthOption();
    option.clockSync = () -> synchronised;
    StringWriter out = new StringWriter();
    option.warnIfClockUnset(
        Settings.defaults().with(Setting.BANDWIDTH_LIMIT, limit), new PrintWriter(out, true));
    return out.toString().trim();
  }

  @Test
  void aTimetableOnAnUnsetClockIsNamed() {
    assertEquals(
        "Note: The clock of this computer is not set from the network yet, so the timetable may"
            + " apply the wrong limit until it is.",
        said("Sun-08:00,512K Sun-13:00,off", false));
  }

  @Test
  void nothingIsSaidWhenTheClockIsSetOrTheLimitDoesNotDependOnIt() {
    assertEquals("", said("Sun-08:00,512K Sun-13:00,off", true));
    assertEquals("", said("512K", false));
  }
}
