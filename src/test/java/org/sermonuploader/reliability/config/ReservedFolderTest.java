package org.sermonuploader.reliability.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.reliability.config.CliRunner.assertNoStackTrace;

import io.minio.PutObjectArgs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.s3.EmbeddedStore;

/**
 * Everything under .sermon-uploader/ is the app's own: a recording stored there could be replaced
 * by another station's SHA-256 marker. Two stations share one real bucket (S3Proxy on 127.0.0.1).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReservedFolderTest {
  @TempDir Path tmp;
  EmbeddedStore store;

  @BeforeEach
  void start() throws Exception {
    store = S3TestSupport.startStore(tmp.resolve("store"));
  }

  @AfterEach
  void stop() {
    store.stop();
  }

  private CliRunner station(String name) {
    CliRunner c = new CliRunner(tmp.resolve(name), store.endpoint());
    c.env.put("STATION_NAME", name);
    return c;
  }

  @Test
  void aPrefixInsideTheAppsFolderIsRefusedSoAnotherStationsMarkerCannotReplaceTheRecording()
      throws Exception {
    Path x1 =
        S3TestSupport.randomFile(Files.createDirectories(tmp.resolve("a")), "x1.wav", 3000, 1);
    CliRunner first = station("pi-foyer");

    for (String prefix :
        new String[] {
          ".sermon-uploader/sha256/", "./.sermon-uploader/sha256", "/.sermon-uploader"
        }) {
      CliRunner.Result r = first.run("upload", "--prefix", prefix, x1.toString());
      assertEquals(2, r.code(), prefix + ": " + r.all());
      assertTrue(
          r.err()
              .startsWith(
                  "Error: KEY_PREFIX: puts recordings inside .sermon-uploader/, which the app keeps"
                      + " for its own records"),
          r.err());
      assertNoStackTrace(r);
    }
    assertTrue(S3TestSupport.keys(store).isEmpty(), "nothing stored: " + S3TestSupport.keys(store));

    // the second station's own x1.wav, its SHA-256 on the object itself: nothing of it lies under
    // .sermon-uploader/ (its heartbeat, written as time allows, says only that the station ran)
    Path other =
        S3TestSupport.randomFile(Files.createDirectories(tmp.resolve("b")), "x1.wav", 5000, 2);
    CliRunner second = station("pi-hall");
    assertEquals(0, second.run("upload", other.toString()).code());
    assertEquals(
        java.util.Set.of("x1.wav"),
        S3TestSupport.keys(store).stream()
            .filter(k -> !k.startsWith(".sermon-uploader/stations/"))
            .collect(java.util.stream.Collectors.toSet()));
    assertEquals(
        S3TestSupport.sha256(other), S3TestSupport.userMetadata(store, "x1.wav").get("sha256"));
  }

  @Test
  void aTemplateInsideTheAppsFolderIsRefused() throws Exception {
    Path f = S3TestSupport.randomFile(tmp, "x1.wav", 3000, 3);
    CliRunner c = station("pi-foyer");
    c.env.put("KEY_TEMPLATE", ".sermon-uploader/stations/{station}/{filename}");
    CliRunner.Result r = c.run("upload", f.toString());
    assertEquals(2, r.code(), r.all());
    assertTrue(r.err().startsWith("Error: KEY_TEMPLATE: puts recordings inside"), r.err());
    assertTrue(S3TestSupport.keys(store).isEmpty());

    // below a prefix of its own, the same text is just a folder name
    c.env.put("KEY_PREFIX", "sermons");
    assertEquals(0, c.run("upload", f.toString()).code());
    assertTrue(
        S3TestSupport.keys(store).contains("sermons/.sermon-uploader/stations/pi-foyer/x1.wav"),
        S3TestSupport.keys(store).toString());
  }

  @Test
  void aWholeBucketVerifySkipsEverythingInTheAppsFolder() throws Exception {
    Path f = S3TestSupport.randomFile(tmp, "ours.wav", 3000, 4);
    CliRunner c = station("pi-foyer");
    assertEquals(0, c.run("upload", f.toString()).code());
    // a later feature's record, with a SHA-256 that does not match it
    byte[] record = "{\"station\":\"pi-hall\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    S3TestSupport.client(store)
        .putObject(
            PutObjectArgs.builder()
                .bucket(S3TestSupport.BUCKET)
                .object(".sermon-uploader/stations/pi-hall")
                .userMetadata(Map.of("sha256", "0".repeat(64)))
                .data(record, record.length)
                .build());

    CliRunner.Result r = c.run("verify");

    assertEquals(0, r.code(), r.all());
    assertTrue(r.out().matches("(?s).*ok +ours\\.wav.*"), r.out());
    assertFalse(r.out().contains(".sermon-uploader"), r.out());
    assertTrue(r.out().contains("Checked 1: 1 ok"), r.out());
  }
}
