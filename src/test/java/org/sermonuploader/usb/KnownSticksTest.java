package org.sermonuploader.usb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.model.Recording;
import org.sermonuploader.model.Stick;

class KnownSticksTest {
  @TempDir Path dir;

  private static Recording rec(String rel, long size, long mtime) {
    return new Recording(
        Path.of("/media/pi/REC").resolve(rel), rel, size, Instant.ofEpochMilli(mtime));
  }

  @Test
  void aRememberedStickIsKnownAfterARestartWithTheFilesItHeld() throws Exception {
    Stick stick = new Stick(Path.of("/media/pi/REC"), "REC", "uuid:1234-ABCD");
    KnownSticks k = KnownSticks.load(dir);
    assertFalse(k.isKnown(stick.id()));
    k.remember(stick, List.of(rec("a.wav", 10, 1000), rec("sub/b.wav", 20, 2000)));

    KnownSticks again = KnownSticks.load(dir);
    assertTrue(again.isKnown("uuid:1234-ABCD"));
    assertFalse(again.isKnown("name:REC"));
    assertEquals(
        Set.of(
            new KnownSticks.SeenFile("a.wav", 10, 1000),
            new KnownSticks.SeenFile("sub/b.wav", 20, 2000)),
        again.seen("uuid:1234-ABCD"));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(
          List.of(KnownSticks.FILE_NAME),
          files.map(p -> p.getFileName().toString()).toList(),
          "no temp file is left behind");
    }
  }

  @Test
  void aDamagedFileIsMovedAsideAndTheListStartsEmpty() throws Exception {
    Files.writeString(dir.resolve(KnownSticks.FILE_NAME), "{ not json");
    KnownSticks k = KnownSticks.load(dir);
    assertFalse(k.isKnown("uuid:1234-ABCD"));
    try (Stream<Path> files = Files.list(dir)) {
      assertTrue(
          files.anyMatch(
              p -> p.getFileName().toString().startsWith(KnownSticks.FILE_NAME + ".damaged-")));
    }
    k.remember(new Stick(Path.of("/m/S"), "S", "name:S"), List.of());
    assertTrue(KnownSticks.load(dir).isKnown("name:S"));
  }
}
