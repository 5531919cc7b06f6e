package org.sermonuploader.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UnitsTest {
  @Test
  void sizesAreShownAsTheFileManagerShowsThem() {
    assertEquals("314.6 MB", Units.size(300L << 20), "a 300 MiB recording");
    assertEquals("999 B", Units.size(999));
    assertEquals("1.0 kB", Units.size(1000));
    assertEquals("1.0 MB", Units.size(999_999), "rounds up into the next unit");
    assertEquals("4.3 GB", Units.size(4L << 30));
    assertEquals("0 B", Units.size(0));
  }

  @Test
  void ratesUseTheSameUnits() {
    assertEquals("2.1 MB/s", Units.rate(2 << 20));
    assertEquals("75.0 MB/s", Units.rate(75e6));
    assertEquals("512 B/s", Units.rate(512));
  }

  @Test
  void limitsAreWholeKilobytesBelowAMegabyte() {
    assertEquals("524 kB/s", Units.limit(512 << 10));
    assertEquals("262 kB/s", Units.limit(256 << 10));
    assertEquals("999 kB/s", Units.limit(999_499));
    assertEquals("1.0 MB/s", Units.limit(999_500));
    assertEquals("4.2 MB/s", Units.limit(4 << 20));
    assertEquals("800 B/s", Units.limit(800));
  }

  @Test
  void durations() {
    assertEquals("40 s", Units.rough(40));
    assertEquals("3 min", Units.rough(170));
    assertEquals("0.4 s", Units.elapsed(Duration.ofMillis(400)));
    assertEquals("4 min 09 s", Units.elapsed(Duration.ofSeconds(249)));
    assertEquals("2 h 05 min", Units.elapsed(Duration.ofMinutes(125)));
    assertEquals("3 d 04 h", Units.elapsed(Duration.ofHours(76)));
    assertEquals("45:10", Units.clock(2710));
  }

  @Test
  void fixedDecimalsReadAsTheFormatterWroteThem() {
    SplittableRandom random = new SplittableRandom(7);
    double[] edges = {0, 0.05, 0.25, 0.35, 0.45, 0.95, 1.05, 2.675, 99.95, 999.95, 1e15 + 0.5};
    for (double v : edges) sameAsFormat(v);
    for (int i = 0; i < 100_000; i++) {
      sameAsFormat(random.nextDouble() * 1000);
      sameAsFormat(random.nextInt(100_000) / 100.0);
      sameAsFormat(random.nextLong(1L << 50) / 1000.0);
    }
    assertEquals("-0.5", Units.fixed(-0.45, 1), "negative values go through the formatter");
    assertEquals("NaN", Units.fixed(Double.NaN, 1));
  }

  private static void sameAsFormat(double v) {
    assertEquals(String.format(Locale.ROOT, "%.1f", v), Units.fixed(v, 1), "%.1f of " + v);
    assertEquals(String.format(Locale.ROOT, "%.0f", v), Units.fixed(v, 0), "%.0f of " + v);
  }

  @Test
  void clocksPadMinutesAndSeconds() {
    assertEquals("0:05", Units.clock(5));
    assertEquals("1:00:00", Units.clock(3600));
    assertEquals("1:02:03", Units.clock(3723));
    assertEquals("100:00:09", Units.clock(360_009));
  }
}
