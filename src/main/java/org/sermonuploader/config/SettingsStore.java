package org.sermonuploader.config;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Reads and writes the two settings files in the data directory: settings.properties for ordinary
 * values and secrets.properties (owner-only, 0600) for secrets. Writes go to a temp file that is
 * synced and then moved over the old one, so a crash leaves either the old or the new file.
 */
public final class SettingsStore {
  public static final String SETTINGS_FILE = "settings.properties";
  public static final String SECRETS_FILE = "secrets.properties";

  private final Path dir;

  public SettingsStore(Path dir) {
    this.dir = dir;
  }

  public Path settingsFile() {
    return dir.resolve(SETTINGS_FILE);
  }

  public Path secretsFile() {
    return dir.resolve(SECRETS_FILE);
  }

  /** Defaults, overlaid with the files, overlaid with the environment. */
  public Settings load(Map<String, String> environment) throws IOException {
    return loadFiles().overlay(environment);
  }

  public Settings loadFiles() throws IOException {
    Map<String, String> fromFiles = new HashMap<>();
    fromFiles.putAll(read(settingsFile()));
    fromFiles.putAll(read(secretsFile()));
    return Settings.defaults().overlay(fromFiles);
  }

  public void save(Settings settings) throws IOException {
    Files.createDirectories(dir);
    Map<String, String> plain = new TreeMap<>();
    Map<String, String> secret = new TreeMap<>();
    settings.explicitValues().forEach((k, v) -> (k.secret() ? secret : plain).put(k.name(), v));
    writeAtomically(settingsFile(), plain, false);
    writeAtomically(secretsFile(), secret, true);
  }

  private static Map<String, String> read(Path file) throws IOException {
    Map<String, String> out = new HashMap<>();
    if (!Files.isRegularFile(file)) return out;
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    p.forEach((k, v) -> out.put(k.toString(), v.toString()));
    return out;
  }

  static void writeAtomically(Path file, Map<String, String> values, boolean ownerOnly)
      throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    if (ownerOnly && supportsPosix(file)) {
      Files.createFile(
          tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Properties p = new Properties();
    p.putAll(values);
    try (FileChannel ch =
            FileChannel.open(
                tmp,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        Writer w = java.nio.channels.Channels.newWriter(ch, StandardCharsets.UTF_8)) {
      p.store(w, "Sermon Uploader settings");
      w.flush();
      ch.force(true);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static boolean supportsPosix(Path file) {
    return file.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
