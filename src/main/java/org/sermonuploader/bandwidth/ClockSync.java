package org.sermonuploader.bandwidth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Whether the system clock has been set from the network. A Raspberry Pi has no battery-backed
 * clock: until it reaches a time server it runs from the last time it saved, hours or days behind,
 * and a timetable read against that clock applies the wrong limit.
 */
public interface ClockSync {
  /** What the window and the command line say while the clock is not set. */
  String WARNING =
      "The clock of this computer is not set from the network yet, so the timetable may apply"
          + " the wrong limit until it is.";

  /** False only when the system says its clock is not synchronised; may run a command. */
  boolean synchronised();

  /** Whether to warn that {@code schedule} may be read against a wrong clock. */
  static boolean mayMislead(BandwidthSchedule schedule, ClockSync clock) {
    return schedule.timetable() && !clock.synchronised();
  }

  /**
   * systemd's answer: timesyncd leaves /run/systemd/timesync/synchronized once it set the clock,
   * and timedatectl knows of other time services (chrony) too. Where neither exists (no systemd)
   * nothing can be told, and nothing is claimed.
   */
  static ClockSync system() {
    return () -> {
      if (Files.exists(Path.of("/run/systemd/timesync/synchronized"))) return true;
      try {
        Process p =
            new ProcessBuilder("timedatectl", "show", "-p", "NTPSynchronized", "--value")
                .redirectErrorStream(true)
                .start();
        String answer;
        try (InputStream out = p.getInputStream()) {
          answer = new String(out.readNBytes(64), StandardCharsets.UTF_8).trim();
        }
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          return true;
        }
        return p.exitValue() != 0 || !answer.equals("no");
      } catch (IOException e) {
        return true; // no timedatectl: no systemd to ask
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return true;
      }
    };
  }
}
