package org.sermonuploader.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.model.PressureLevel.CRITICAL;
import static org.sermonuploader.model.PressureLevel.NORMAL;
import static org.sermonuploader.model.PressureLevel.WARNING;

import org.junit.jupiter.api.Test;
import org.sermonuploader.config.InvalidSettingException;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.model.MemorySample;
import org.sermonuploader.model.PressureLevel;

class MemoryPolicyTest {
  /** Budget 1000 MB, warning at 80 %, critical at 95 %, MemAvailable floor 200 MB. */
  private final MemoryPolicy policy = new MemoryPolicy(1000L << 20, 0.8, 0.95, 200L << 20);

  private static MemorySample rss(long mb) {
    return MemorySample.ofMegabytes(mb, 3000, 4096);
  }

  private static MemorySample available(long mb) {
    return MemorySample.ofMegabytes(100, mb, 4096);
  }

  @Test
  void warningIsLeftOnlyTenPointsBelowItsThreshold() {
    PressureLevel level = NORMAL;
    level = policy.next(level, rss(790));
    assertEquals(NORMAL, level, "79 % is below the warning threshold");
    level = policy.next(level, rss(800));
    assertEquals(WARNING, level, "80 % reaches it");
    level = policy.next(level, rss(750));
    assertEquals(WARNING, level, "75 %: below the threshold but inside the margin, still paused");
    level = policy.next(level, rss(701));
    assertEquals(WARNING, level, "70.1 %: still inside the margin");
    level = policy.next(level, rss(699));
    assertEquals(NORMAL, level, "69.9 %: more than 10 points below, uploads carry on");
    level = policy.next(level, rss(750));
    assertEquals(NORMAL, level, "rising again to 75 % does not pause: only the threshold does");
  }

  @Test
  void criticalIsLeftTenPointsBelowAndFallsToWarningFirst() {
    PressureLevel level = policy.next(NORMAL, rss(960));
    assertEquals(CRITICAL, level, "levels rise at once, straight to critical");
    assertEquals(CRITICAL, policy.next(level, rss(900)), "90 % is inside the critical margin");
    level = policy.next(level, rss(840));
    assertEquals(WARNING, level, "84 %: out of critical, still above the warning threshold");
    assertEquals(
        WARNING,
        policy.next(CRITICAL, rss(720)),
        "72 %: out of critical, inside the warning margin");
    assertEquals(NORMAL, policy.next(CRITICAL, rss(600)), "60 %: straight back to normal");
  }

  @Test
  void lowSystemMemoryPausesEvenWhenTheAppIsSmall() {
    assertEquals(NORMAL, policy.levelOf(available(201)));
    assertEquals(WARNING, policy.levelOf(available(199)), "below MEMORY_MIN_AVAILABLE_MB");
    assertEquals(CRITICAL, policy.levelOf(available(99)), "below half of it");
    assertEquals(
        WARNING, policy.next(WARNING, available(240)), "released only a quarter above the floor");
    assertEquals(NORMAL, policy.next(WARNING, available(250)));
    assertEquals(CRITICAL, policy.next(CRITICAL, available(120)), "critical released at 125 MB");
    assertEquals(WARNING, policy.next(CRITICAL, available(130)));
  }

  @Test
  void unknownAvailableMemoryAndAZeroFloorAreIgnored() {
    assertEquals(NORMAL, policy.levelOf(MemorySample.ofMegabytes(100, -1, 4096)));
    MemoryPolicy noFloor = new MemoryPolicy(1000L << 20, 0.8, 0.95, 0);
    assertEquals(NORMAL, noFloor.levelOf(available(1)));
  }

  @Test
  void usageIsTheProcessResidentMemoryAgainstTheBudget() {
    MemorySample s = rss(450);
    assertEquals(0.45, policy.usage(s), 1e-9);
  }

  @Test
  void settingsGiveThePolicyAndWrongValuesNameTheSetting() {
    MemoryPolicy p = MemoryPolicy.fromSettings(Settings.defaults());
    assertEquals(1800L << 20, p.budgetBytes());
    assertEquals(0.8, p.warningRatio());
    assertEquals(0.95, p.criticalRatio());
    assertEquals(200L << 20, p.minAvailableBytes());

    InvalidSettingException e =
        assertThrows(
            InvalidSettingException.class,
            () ->
                MemoryPolicy.fromSettings(
                    Settings.defaults().with(Setting.MEMORY_CRITICAL_THRESHOLD, "0.7")));
    assertEquals(Setting.MEMORY_CRITICAL_THRESHOLD, e.setting());
    assertTrue(e.getMessage().contains("MEMORY_PRESSURE_THRESHOLD"), e.getMessage());
    assertEquals(
        Setting.MAX_MEMORY_MONITOR_MB,
        assertThrows(
                InvalidSettingException.class,
                () ->
                    MemoryPolicy.fromSettings(
                        Settings.defaults().with(Setting.MAX_MEMORY_MONITOR_MB, "0")))
            .setting());
    assertEquals(
        Setting.MEMORY_PRESSURE_THRESHOLD,
        assertThrows(
                InvalidSettingException.class,
                () ->
                    MemoryPolicy.fromSettings(
                        Settings.defaults().with(Setting.MEMORY_PRESSURE_THRESHOLD, "80")))
            .setting());
  }

  @Test
  void recommendationsSayWhatIsWrongInWords() {
    assertEquals(
        java.util.List.of("Memory usage is healthy"), policy.recommendations(NORMAL, rss(300)));
    String warning = String.join(" / ", policy.recommendations(WARNING, rss(850)));
    assertTrue(warning.contains("850 MB of its 1000 MB budget"), warning);
    assertTrue(warning.contains("below 700 MB"), warning);
    String lowSystem = String.join(" / ", policy.recommendations(WARNING, available(150)));
    assertTrue(lowSystem.contains("only 150 MB"), lowSystem);
  }

  @Test
  void onAFourGigabytePiTheFloorMayBeAtMostFourFifthsOfItsMemory() {
    long pi = 4000L << 20;
    MemoryPolicy fits =
        MemoryPolicy.fromSettings(
            Settings.defaults().with(Setting.MEMORY_MIN_AVAILABLE_MB, "3200"));
    assertEquals(fits, fits.checkFits(pi));
    InvalidSettingException e =
        assertThrows(
            InvalidSettingException.class,
            () ->
                MemoryPolicy.fromSettings(
                        Settings.defaults().with(Setting.MEMORY_MIN_AVAILABLE_MB, "3300"))
                    .checkFits(pi));
    assertTrue(e.getMessage().contains("carry on only once 4125 MB are free"), e.getMessage());
    assertTrue(
        e.getMessage().contains("Use at most 3200 MB (the default is 200)."), e.getMessage());
  }
}
