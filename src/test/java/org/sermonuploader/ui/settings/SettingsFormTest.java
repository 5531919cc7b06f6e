package org.sermonuploader.ui.settings;

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
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(tmp.resolve(SettingsStore.SECRETS_FILE))));

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
    Map<String, String> env =
        Map.of("MINIO_SECRET_KEY", "from-env", "MINIO_ENDPOINT", "http://env:9000");
    SettingsForm form = new SettingsForm(Settings.defaults(), env);
    form.set(Setting.MINIO_ACCESS_KEY, "church");
    assertTrue(form.validate().isEmpty(), "the environment's secret counts");
    assertTrue(form.setByEnvironment(Setting.MINIO_ENDPOINT));
    assertFalse(form.toSaved().isSet(Setting.MINIO_SECRET_KEY));
    assertEquals("http://env:9000", form.effective().get(Setting.MINIO_ENDPOINT));
  }

  @Test
  void aKeyInsideTheAppsFolderIsRefusedInPlainWords() {
    SettingsForm form = new SettingsForm(Settings.defaults(), Map.of());
    form.set(Setting.KEY_TEMPLATE, "/.sermon-uploader/stations/{filename}");
    assertEquals(
        "Puts recordings inside .sermon-uploader/, which the app keeps for its own records"
            + " (SHA-256 markers, the connection test); choose another, e.g. sermons/.",
        form.validate().get(Setting.KEY_TEMPLATE));
    assertTrue(form.keyExample().startsWith("Template problem: Puts recordings inside"));

    // the prefix is not in the window: set in the environment, the message names it
    SettingsForm fromEnv =
        new SettingsForm(Settings.defaults(), Map.of("KEY_PREFIX", "./.sermon-uploader/sha256"));
    assertTrue(
        fromEnv
            .validate()
            .get(Setting.KEY_TEMPLATE)
            .startsWith("KEY_PREFIX: puts recordings inside .sermon-uploader/"),
        fromEnv.validate().toString());
    assertTrue(fromEnv.keyExample().startsWith("Prefix problem: Puts recordings inside"));

    // under a prefix of its own the same template text is just a folder name
    SettingsForm below = new SettingsForm(Settings.defaults(), Map.of("KEY_PREFIX", "sermons"));
    below.set(Setting.KEY_TEMPLATE, ".sermon-uploader/{filename}");
    assertTrue(below.validate().isEmpty(), below.validate().toString());
  }

  @Test
  void noServerMeansTheBuiltInStoreAndTestConnectionSaysSo() {
    SettingsForm form = new SettingsForm(Settings.defaults(), Map.of());
    assertTrue(form.validate().isEmpty());
    assertEquals("No server set", ConnectionTest.run(form).get(0).what());
  }

  @Test
  void tusHeadersAreASecretAndABadLineIsRefusedWithoutRepeatingItsValue() throws Exception {
    SettingsAccess access = SettingsAccess.of(tmp, Map.of());
    SettingsForm form = new SettingsForm(access.loadSaved(), Map.of());
    form.setTus(true);
    assertEquals(
        "Enter the tus server's address, e.g. https://uploads.example.org/files/",
        form.validate().get(Setting.TUS_ENDPOINT));
    form.set(Setting.TUS_ENDPOINT, "https://uploads.example.org/files/");
    form.set(Setting.TUS_HEADERS, "Authorization Bearer sunday-token");
    String problem = form.validate().get(Setting.TUS_HEADERS);
    assertEquals(
        "Line 1 is not of the form 'Name: value'. Write one 'Name: value' per line.", problem);
    assertFalse(
        form.validate().containsKey(Setting.MINIO_BUCKET), "S3 fields are not checked for tus");

    form.set(Setting.TUS_HEADERS, "Authorization: Bearer sunday-token");
    assertTrue(form.validate().isEmpty(), form.validate().toString());
    access.save(form.toSaved());
    assertFalse(
        Files.readString(tmp.resolve(SettingsStore.SETTINGS_FILE)).contains("sunday-token"));
    assertTrue(Files.readString(tmp.resolve(SettingsStore.SECRETS_FILE)).contains("sunday-token"));
    Settings saved = access.loadSaved();
    assertEquals("tus", saved.get(Setting.DESTINATION));
    assertEquals("https://uploads.example.org/files/", saved.get(Setting.TUS_ENDPOINT));

    SettingsForm again = new SettingsForm(saved, Map.of());
    assertTrue(again.tus());
    assertEquals("", again.get(Setting.TUS_HEADERS), "the headers are never shown");
    assertTrue(again.secretSaved(Setting.TUS_HEADERS));
    access.save(again.toSaved());
    assertEquals(
        "Authorization: Bearer sunday-token",
        access.loadSaved().get(Setting.TUS_HEADERS),
        "an empty field keeps them");
  }

  @Test
  void testConnectionToATusServerThatIsNotThereSaysSoInPlainWords() throws Exception {
    int port;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    SettingsForm form = new SettingsForm(Settings.defaults(), Map.of());
    form.setTus(true);
    form.set(Setting.TUS_ENDPOINT, "http://127.0.0.1:" + port + "/files/");
    java.util.List<ConnectionTest.Line> lines = ConnectionTest.run(form);
    assertEquals("tus server reachable", lines.get(0).what());
    assertEquals(ConnectionTest.Result.FAILED, lines.get(0).result());
    assertEquals("Token accepted", lines.get(1).what());
    assertEquals(
        ConnectionTest.Result.NOT_RUN,
        lines.get(1).result(),
        "not checked after the server failed");
  }

  @Test
  void theKioskPinGoesToTheSecretsFileAsAHashAndCanBeRemoved() throws Exception {
    SettingsAccess access = SettingsAccess.of(tmp, Map.of());
    SettingsForm form = new SettingsForm(access.loadSaved(), Map.of());
    assertFalse(form.pinSaved());
    form.setNewPin("97531");
    assertTrue(form.validate().isEmpty(), form.validate().toString());
    assertTrue(form.pinPending());
    access.save(form.toSaved());
    String plain = Files.readString(tmp.resolve(SettingsStore.SETTINGS_FILE));
    String secrets = Files.readString(tmp.resolve(SettingsStore.SECRETS_FILE));
    assertFalse(plain.contains("KIOSK_PIN_HASH") || plain.contains("97531"));
    assertTrue(secrets.contains("KIOSK_PIN_HASH") && !secrets.contains("97531"));
    assertTrue(
        org.sermonuploader.ui.kiosk.KioskPin.matches(
            "97531", access.loadSaved().get(Setting.KIOSK_PIN_HASH)));

    SettingsForm again = new SettingsForm(access.loadSaved(), Map.of());
    assertTrue(again.pinSaved());
    again.set(Setting.STATION_NAME, "hall");
    access.save(again.toSaved());
    assertTrue(
        org.sermonuploader.ui.kiosk.KioskPin.matches(
            "97531", access.loadSaved().get(Setting.KIOSK_PIN_HASH)),
        "an empty PIN field keeps the PIN");
    SettingsForm remove = new SettingsForm(access.loadSaved(), Map.of());
    remove.setRemovePin(true);
    access.save(remove.toSaved());
    assertFalse(access.loadSaved().isSet(Setting.KIOSK_PIN_HASH));
  }

  @Test
  void aPasswordInAServerAddressIsRefusedUnderTheField() {
    SettingsForm form = new SettingsForm(Settings.defaults(), Map.of());
    form.set(Setting.MINIO_ENDPOINT, "http://church:Pw-4711@pi.local:9000");
    form.set(Setting.MINIO_ACCESS_KEY, "church");
    form.set(Setting.MINIO_SECRET_KEY, "s3cret-Value");
    String problem = form.validate().get(Setting.MINIO_ENDPOINT);
    assertTrue(problem.startsWith("Must not hold a user name or password"), problem);
    assertTrue(problem.contains("MINIO_SECRET_KEY"), problem);
    assertFalse(problem.contains("Pw-4711"), problem);

    form.set(Setting.DESTINATION, "tus");
    form.set(Setting.TUS_ENDPOINT, "https://church:Pw-4711@uploads.example.org/files/");
    String tus = form.validate().get(Setting.TUS_ENDPOINT);
    assertTrue(tus.contains("must not hold a user name or password"), tus);
    assertTrue(tus.contains("TUS_HEADERS"), tus);
    assertFalse(tus.contains("Pw-4711"), tus);
  }
}
