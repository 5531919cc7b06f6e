package org.sermonuploader.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.config.AppPaths;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.config.SettingsStore;
import picocli.CommandLine.Option;

/**
 * Options shared by the commands; each falls back to its environment variable, then the settings
 * file.
 */
final class CommonOptions {
  @Option(
      names = "--endpoint",
      paramLabel = "URL",
      description = "Server URL (MINIO_ENDPOINT). None: the embedded local store.")
  @Nullable String endpoint;

  @Option(names = "--bucket", description = "Bucket (MINIO_BUCKET, default sermons).")
  @Nullable String bucket;

  @Option(names = "--access-key", description = "Access key (MINIO_ACCESS_KEY).")
  @Nullable String accessKey;

  @Option(
      names = "--secret-key-file",
      paramLabel = "FILE",
      description = "File holding the secret key (else MINIO_SECRET_KEY).")
  @Nullable Path secretKeyFile;

  @Option(names = "--prefix", description = "Text put before every key (KEY_PREFIX).")
  @Nullable String prefix;

  @Option(
      names = "--key-template",
      description = "Key template, e.g. '{yyyy}/{date} {filename}' (KEY_TEMPLATE).")
  @Nullable String keyTemplate;

  @Option(
      names = "--part-size",
      paramLabel = "SIZE",
      description = "Part size, e.g. 16MiB (PART_SIZE).")
  @Nullable String partSize;

  @Option(
      names = "--parts-in-flight",
      paramLabel = "N",
      description = "Parts of a file sent at once (PARTS_IN_FLIGHT, default 2).")
  @Nullable Integer partsInFlight;

  @Option(
      names = "--station",
      description = "Name of this computer stored with each file (STATION_NAME).")
  @Nullable String station;

  @Option(names = "--create-bucket", description = "Create the bucket if it does not exist.")
  boolean createBucket;

  @Option(
      names = "--ca-file",
      paramLabel = "PEM",
      description = "Trust this CA certificate (self-signed servers).")
  @Nullable Path caFile;

  @Option(
      names = "--destination",
      paramLabel = "s3|tus",
      description = "Where uploads go: s3 (default) or tus (DESTINATION).")
  @Nullable String destination;

  @Option(
      names = "--tus-endpoint",
      paramLabel = "URL",
      description = "tus server URL, e.g. https://host/files/ (TUS_ENDPOINT).")
  @Nullable String tusEndpoint;

  @Option(
      names = "--tus-header",
      paramLabel = "'Name: value'",
      description =
          "Extra header for the tus server, e.g. 'Authorization: Bearer ...'; repeatable (TUS_HEADERS).")
  @Nullable List<String> tusHeaders;

  @Option(
      names = "--wait-for-server",
      paramLabel = "SECONDS",
      description =
          "How long upload and resume wait for a server that does not answer, then give up (default 300; 0: give up at once).")
  int waitForServerSeconds = 300;

  @Option(
      names = "--status-port",
      paramLabel = "PORT",
      description = "Port of the local status endpoint (STATUS_PORT, default 8765; 0 = off).")
  @Nullable Integer statusPort;

  Path dataDir(Map<String, String> env) {
    return AppPaths.dataDir(env);
  }

  /** Settings file, then environment, then these options. */
  Settings settings(Map<String, String> env) throws IOException {
    Settings s = new SettingsStore(dataDir(env)).load(env);
    s = set(s, Setting.MINIO_ENDPOINT, endpoint);
    s = set(s, Setting.MINIO_BUCKET, bucket);
    s = set(s, Setting.MINIO_ACCESS_KEY, accessKey);
    s = set(s, Setting.KEY_PREFIX, prefix);
    s = set(s, Setting.KEY_TEMPLATE, keyTemplate);
    s = set(s, Setting.PART_SIZE, partSize);
    s = set(s, Setting.PARTS_IN_FLIGHT, partsInFlight == null ? null : partsInFlight.toString());
    s = set(s, Setting.STATION_NAME, station);
    s = set(s, Setting.STATUS_PORT, statusPort == null ? null : statusPort.toString());
    s = set(s, Setting.MINIO_CA_FILE, caFile == null ? null : caFile.toString());
    s = set(s, Setting.DESTINATION, destination);
    s = set(s, Setting.TUS_ENDPOINT, tusEndpoint);
    if (tusHeaders != null && !tusHeaders.isEmpty())
      s = s.with(Setting.TUS_HEADERS, String.join("\n", tusHeaders));
    if (createBucket) s = s.with(Setting.MINIO_CREATE_BUCKET, "true");
    if (secretKeyFile != null) {
      String secret;
      try {
        secret = Files.readString(secretKeyFile, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new IOException("The secret key file " + secretKeyFile + " can't be read.", e);
      }
      s = s.with(Setting.MINIO_SECRET_KEY, secret);
    }
    return s;
  }

  /** The settings, or empty once {@code err} says why they can't be read (a usage error). */
  Optional<Settings> settingsOrSay(Map<String, String> env, PrintWriter err) {
    try {
      return Optional.of(settings(env));
    } catch (IOException e) {
      err.println("Error: " + e.getMessage());
      return Optional.empty();
    }
  }

  private static Settings set(Settings s, Setting key, @Nullable String value) {
    return value == null ? s : s.with(key, value);
  }
}
