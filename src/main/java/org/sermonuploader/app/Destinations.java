package org.sermonuploader.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.config.EndpointAddress;
import org.sermonuploader.config.InvalidSettingException;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.engine.ServerAddress;
import org.sermonuploader.engine.Transfer;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.engine.s3.S3Config;
import org.sermonuploader.engine.s3.S3Transfer;
import org.sermonuploader.engine.tus.TusConfig;
import org.sermonuploader.engine.tus.TusTransfer;

/**
 * Builds the transfer DESTINATION names (S3 by default, or tus) from settings. Also used by the
 * settings dialog's Test connection, so it tries exactly what uploads will use.
 */
public final class Destinations {
  private Destinations() {}

  /** The transfer, and the embedded store behind it when there is one (else null). */
  public record Destination(Transfer transfer, @Nullable EmbeddedStore store) {
    /** The embedded store of a destination opened with no server set, which always has one. */
    public EmbeddedStore localStore() {
      return Objects.requireNonNull(store, "no server is set, so the local store is used");
    }
  }

  /**
   * The configured destination; with no S3 endpoint set, starts the embedded store under {@code
   * dataDir} and adds a line saying so to {@code notices}. tus keeps its upload URLs under {@code
   * dataDir}.
   */
  public static Destination open(Settings s, Path dataDir, List<String> notices)
      throws UploadException, IOException {
    Duration connect = Duration.ofSeconds(s.getInt(Setting.CONNECT_TIMEOUT_SECONDS));
    Duration io = Duration.ofSeconds(s.getInt(Setting.IO_TIMEOUT_SECONDS));
    if (EngineSettings.isTus(s)) {
      String endpoint = s.get(Setting.TUS_ENDPOINT).trim();
      String problem = TusConfig.checkEndpoint(endpoint);
      if (problem != null) throw new InvalidSettingException(Setting.TUS_ENDPOINT, problem);
      Map<String, String> headers;
      try {
        headers = TusConfig.parseHeaders(s.get(Setting.TUS_HEADERS));
      } catch (IllegalArgumentException e) {
        throw new InvalidSettingException(Setting.TUS_HEADERS, e.getMessage());
      }
      return new Destination(
          new TusTransfer(TusConfig.of(endpoint, headers, connect, io, dataDir)), null);
    }
    String bucket = s.get(Setting.MINIO_BUCKET);
    if (!s.isSet(Setting.MINIO_ENDPOINT)) {
      EmbeddedStore store =
          new EmbeddedStore(dataDir.resolve("local-store"), 0).start().withBucket(bucket);
      notices.add(
          "No server is set up, so recordings are stored on this computer in "
              + store.root().resolve(bucket)
              + " (local store at "
              + store.endpoint()
              + ").");
      S3Config config =
          new S3Config(
              store.endpoint(),
              bucket,
              store.accessKey(),
              store.secretKey(),
              "us-east-1",
              connect,
              io,
              null,
              false);
      return new Destination(new S3Transfer(config), store);
    }
    String typed = s.get(Setting.MINIO_ENDPOINT);
    String endpoint = EndpointAddress.complete(typed);
    if (EndpointAddress.completes(typed))
      notices.add(EndpointAddress.addedHttp(Setting.MINIO_ENDPOINT, typed));
    if (ServerAddress.hasUserInfo(endpoint)) {
      throw new InvalidSettingException(Setting.MINIO_ENDPOINT, S3Config.USER_INFO_PROBLEM);
    }
    if (!endpoint.startsWith("http://") && !endpoint.startsWith("https://")) {
      throw new InvalidSettingException(
          Setting.MINIO_ENDPOINT, "must start with http:// or https:// (got '" + endpoint + "')");
    }
    if (!s.isSet(Setting.MINIO_ACCESS_KEY)) {
      throw new InvalidSettingException(Setting.MINIO_ACCESS_KEY, "no access key is set");
    }
    if (!s.isSet(Setting.MINIO_SECRET_KEY)) {
      throw new InvalidSettingException(
          Setting.MINIO_SECRET_KEY,
          "no secret key is set (use the MINIO_SECRET_KEY environment variable, --secret-key-file or the settings)");
    }
    Path ca = s.optional(Setting.MINIO_CA_FILE).map(Path::of).orElse(null);
    S3Config config =
        new S3Config(
            endpoint,
            bucket,
            s.get(Setting.MINIO_ACCESS_KEY),
            s.get(Setting.MINIO_SECRET_KEY),
            "us-east-1",
            connect,
            io,
            ca,
            s.getBoolean(Setting.MINIO_CREATE_BUCKET));
    return new Destination(new S3Transfer(config), null);
  }
}
