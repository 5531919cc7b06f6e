package org.sermonuploader.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
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
}
