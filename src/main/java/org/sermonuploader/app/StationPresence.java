package org.sermonuploader.app;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Version;
import org.sermonuploader.engine.Transfer;
import org.sermonuploader.engine.s3.S3AppRecords;
import org.sermonuploader.engine.s3.S3Transfer;
import org.sermonuploader.stations.EngineFacts;
import org.sermonuploader.stations.Heartbeat;
import org.sermonuploader.stations.StationStore;

/**
 * Makes a running station seen by the others: its heartbeat in the bucket while the service runs
 * (the window, `upload`, `resume`, `watch`). With tus, or the built-in store, there is no shared
 * bucket to meet in, so nothing.
 */
final class StationPresence {
  private StationPresence() {}

  /** Starts the heartbeat of {@code service}; closing it writes "stopped". */
  static AutoCloseable start(UploadService service, Consumer<String> tell) {
    S3Transfer s3 = bucket(service);
    if (s3 == null) return () -> {};
    Heartbeat.Identity id =
        new Heartbeat.Identity(
            EngineSettings.station(service.settings()),
            Version.get(),
            hostName(),
            service.dataDir().toAbsolutePath().normalize().toString());
    EngineFacts facts =
        new EngineFacts(
            service.engine(),
            service.memory(),
            service.dataDir(),
            count -> service.journal().history(0, count));
    return new Heartbeat(
            StationStore.of(new S3AppRecords(s3)),
            id,
            facts,
            Clock.systemUTC(),
            Heartbeat.Timing.DEFAULT,
            tell)
        .start();
  }

  /** The service's S3 connection, under any read limit; null with tus or the built-in store. */
  static @Nullable S3Transfer bucket(UploadService service) {
    // the computer's own store is seen by no other station
    if (!service.settings().isSet(Setting.MINIO_ENDPOINT)) return null;
    Transfer t = service.transfer();
    if (t instanceof LimitedReads limited) t = limited.destination();
    return t instanceof S3Transfer s3 ? s3 : null;
  }

  static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
