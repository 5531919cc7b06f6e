package org.sermonuploader.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.config.SettingsStore;

class SettingsFormTest {
  @TempDir Path tmp;

  @Test
  void theSecretGoesToTheOwnerOnlyFileAndAnEmptyFieldKeepsIt() throws Exception {
    SettingsAccess access = SettingsAccess.of(tmp, Map.of());
    SettingsForm form = new SettingsForm(access.loadSaved(), Map.of());
    form.set(Setting.MINIO_ENDPOINT, "http://pi.local:9000");
    form.set(Setting.MINIO_ACCESS_KEY, "church");
    form.set(Setting.MINIO_SECRET_KEY, "s3cret-Value");
    assertTrue(form.validate().isEmpty(), form.validate().toString());
    access.save(form.toSaved());

    String plain = Files.readString(tmp.resolve(SettingsStore.SETTINGS_FILE));
    assertFalse(plain.contains("s3cret-Value"), "the secret is not in settings.properties");
    assertTrue(Files.readString(tmp.resolve(SettingsStore.SECRETS_FILE)).contains("s3cret-Value"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve(SettingsStore.SECRETS_FILE))));

    SettingsForm again = new SettingsForm(access.loadSaved(), Map.of());
    assertEquals("", again.get(Setting.MINIO_SECRET_KEY), "the secret is never shown");
    assertTrue(again.secretSaved());
    assertTrue(again.validate().isEmpty(), "an empty secret field is fine when one is saved");
    again.set(Setting.STATION_NAME, "hall");
    access.save(again.toSaved());
    assertEquals("s3cret-Value", access.loadSaved().get(Setting.MINIO_SECRET_KEY));
    assertEquals("hall", access.loadSaved().get(Setting.STATION_NAME));
  }

  @Test
  void environmentValuesAreUsedButNeverWrittenToTheFiles() {
    Map<String, String> env = Map.of("MINIO_SECRET_KEY", "from-env", "MINIO_ENDPOINT", "http://env:9000");
    SettingsForm form = new SettingsForm(Settings.defaults(), env);
    form.set(Setting.MINIO_ACCESS_KEY, "church");
    assertTrue(form.validate().isEmpty(), "the environment's secret counts");
    assertTrue(form.setByEnvironment(Setting.MINIO_ENDPOINT));
    assertFalse(form.toSaved().isSet(Setting.MINIO_SECRET_KEY));
    assertEquals("http://env:9000", form.effective().get(Setting.MINIO_ENDPOINT));
  }

  @Test
  void noServerMeansTheBuiltInStoreAndTestConnectionSaysSo() {
    SettingsForm form = new SettingsForm(Settings.defaults(), Map.of());
    assertTrue(form.validate().isEmpty());
    assertEquals("No server set", form.testConnection().get(0).what());
  }
}
