package org.sermonuploader.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
  @TempDir Path tmp;

  @Test
  void secretsGoToAnOwnerOnlyFileAndTheEnvironmentWins() throws Exception {
    SettingsStore store = new SettingsStore(tmp);
    store.save(
        Settings.defaults()
            .with(Setting.MINIO_ENDPOINT, "http://pi:9000")
            .with(Setting.MINIO_SECRET_KEY, "s3cr3t-value")
            .with(Setting.PART_SIZE, "32MiB"));
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(store.secretsFile())));
    assertFalse(Files.readString(store.settingsFile()).contains("s3cr3t-value"));
    assertTrue(Files.readString(store.secretsFile()).contains("s3cr3t-value"));

    Settings loaded = store.load(Map.of("PART_SIZE", "64MiB"));
    assertEquals("http://pi:9000", loaded.get(Setting.MINIO_ENDPOINT));
    assertEquals("s3cr3t-value", loaded.get(Setting.MINIO_SECRET_KEY));
    assertEquals(64L << 20, loaded.getBytes(Setting.PART_SIZE));
    assertFalse(loaded.toString().contains("s3cr3t-value"), "toString hides secrets");
  }

  @Test
  void sizesParseInPlainUnits() {
    assertEquals(16L << 20, ByteSize.parse("16MiB"));
    assertEquals(5L << 20, ByteSize.parse("5 MB"));
    assertEquals(3L << 29, ByteSize.parse("1.5GiB"));
    assertEquals(123, ByteSize.parse("123"));
    assertEquals("1.6 GB", Units.size(3L << 29));
  }
}
