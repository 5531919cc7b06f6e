package org.sermonuploader.engine.tus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.engine.S3TestSupport;

class TusUrlStoreTest {
  @TempDir Path tmp;

  @Test
  void urlsSurviveClosingAndReopeningTheStore() throws Exception {
    Path file = tmp.resolve(TusConfig.URL_STORE_FILE);
    URL a = new URI("http://127.0.0.1:1080/files/aaa").toURL();
    URL b = new URI("http://127.0.0.1:1080/files/bbb").toURL();
    try (TusUrlStore store = TusUrlStore.open(file)) {
      store.set("fp-a", a);
      store.set("fp-b", b);
      store.set("sha256-of:" + a, b);
    }
    try (TusUrlStore store = TusUrlStore.open(file)) {
      assertEquals(a, store.get("fp-a"));
      assertEquals(b, store.get("fp-b"));
      store.removeUrl(b.toString());
      assertNull(store.get("fp-b"));
      assertNull(store.get("sha256-of:" + a));
      store.remove("fp-a");
      assertEquals(0, store.size());
    }
  }

  @Test
  void theFingerprintChangesWithTheContentOfTheHeadEvenAtTheSameSizeAndTime() throws Exception {
    Path f = S3TestSupport.randomFile(tmp, "rec.wav", 3 << 20, 1);
    FileTime t = Files.getLastModifiedTime(f);
    String first = Fingerprint.of(f);
    assertEquals(first, Fingerprint.of(f), "the same file gives the same fingerprint");

    byte[] bytes = Files.readAllBytes(f);
    bytes[100] ^= 1;
    Files.write(f, bytes);
    Files.setLastModifiedTime(f, t);
    assertNotEquals(
        first, Fingerprint.of(f), "a re-recording of the same length and time is another file");

    bytes[100] ^= 1;
    Files.write(f, bytes);
    Files.setLastModifiedTime(f, FileTime.fromMillis(t.toMillis() + 2000));
    assertNotEquals(first, Fingerprint.of(f), "a touched file is treated as another version");
  }
}
