package org.sermonuploader.app;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.config.ExpectedUploads;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Version;
import org.sermonuploader.engine.Transfer;
import org.sermonuploader.engine.s3.S3AppRecords;
import org.sermonuploader.engine.s3.S3Transfer;
import org.sermonuploader.notify.DiscordNotifier;
import org.sermonuploader.stations.EngineFacts;
import org.sermonuploader.stations.Heartbeat;
import org.sermonuploader.stations.MissedUploadAlerts;
import org.sermonuploader.stations.StationStore;

/**
 * Makes a running station seen by the others: its heartbeat in the bucket while the service runs
 * (the window, `upload`, `resume`, `watch`), and, with a Discord webhook, a look every few minutes
 * for a station whose expected recording has not arrived. With tus, or the built-in store, there is
 * no shared bucket to meet in, so nothing.
 */
final class StationPresence {
  /** How often a station with a webhook looks for missed recordings: one listing each time. */
  static final Duration LOOK_EVERY = Duration.ofMinutes(5);

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
            service.dataDir().toAbsolutePath().normalize().toString(),
            // checked when the service opened
            ExpectedUploads.of(service.settings(), ZoneId.systemDefault()).orElse(null));
    EngineFacts facts =
        new EngineFacts(
            service.engine(),
            service.memory(),
            service.dataDir(),
            count -> service.journal().history(0, count));
    StationStore store = StationStore.of(new S3AppRecords(s3));
    Heartbeat beat =
        new Heartbeat(store, id, facts, Clock.systemUTC(), Heartbeat.Timing.DEFAULT, tell).start();
    DiscordNotifier discord = service.discord().orElse(null);
    if (discord == null) return beat;
    MissedUploadAlerts alerts =
        new MissedUploadAlerts(
                store,
                Clock.systemUTC(),
                id.name() + " (" + beat.runId() + ")",
                (title, text, delivered) -> discord.post(title, text, List.of(), true, delivered))
            .start(Duration.ofMinutes(1), LOOK_EVERY);
    return () -> {
      alerts.close();
      beat.close();
    };
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
