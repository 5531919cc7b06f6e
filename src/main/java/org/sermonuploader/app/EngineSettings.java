package org.sermonuploader.app;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import org.sermonuploader.bandwidth.Bandwidth;
import org.sermonuploader.bandwidth.BandwidthSchedule;
import org.sermonuploader.bandwidth.RatePair;
import org.sermonuploader.config.InvalidSettingException;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.engine.EngineOptions;
import org.sermonuploader.engine.LiveOptions;
import org.sermonuploader.engine.ObjectKeys;
import org.sermonuploader.engine.RetryPolicy;
import org.sermonuploader.usb.RemovableMediaWatcher;

/**
 * The settings read as the engine takes them: part size, parts in flight, keys, retries, the
 * bandwidth limits, live upload, the destination's kind. Each wrong setting is refused with a
 * message naming it.
 */
public final class EngineSettings {
  private EngineSettings() {}

  /** Checks the settings the engine needs, with a message naming the setting that is wrong. */
  public static EngineOptions options(Settings s) {
    long partSize = s.getBytes(Setting.PART_SIZE);
    if (partSize < EngineOptions.MIN_PART_SIZE) {
      throw new InvalidSettingException(Setting.PART_SIZE, "must be at least 5MiB");
    }
    if (partSize > EngineOptions.MAX_PART_SIZE) {
      throw new InvalidSettingException(Setting.PART_SIZE, "must be at most 5GiB");
    }
    int inFlight = s.getInt(Setting.PARTS_IN_FLIGHT);
    if (inFlight < 1 || inFlight > 16) {
      throw new InvalidSettingException(Setting.PARTS_IN_FLIGHT, "must be between 1 and 16");
    }
    int concurrent = s.getInt(Setting.MAX_CONCURRENT_UPLOADS);
    if (concurrent < 1 || concurrent > 8) {
      throw new InvalidSettingException(Setting.MAX_CONCURRENT_UPLOADS, "must be between 1 and 8");
    }
    ObjectKeys keys;
    try {
      keys = new ObjectKeys(s.get(Setting.KEY_PREFIX), s.get(Setting.KEY_TEMPLATE), station(s));
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(Setting.KEY_TEMPLATE, e.getMessage());
    }
    RetryPolicy retry =
        new RetryPolicy(
            Duration.ofSeconds(1),
            Duration.ofSeconds(Math.max(1, s.getInt(Setting.RETRY_MAX_DELAY_SECONDS))));
    return EngineOptions.builder()
        .partSize(partSize)
        .partsInFlight(inFlight)
        .maxConcurrentUploads(concurrent)
        .maxUploadSize(s.getBytes(Setting.MAX_UPLOAD_SIZE))
        .keys(keys)
        .station(station(s))
        .retry(retry)
        .progressInterval(Duration.ofMillis(200))
        .removableRoots(RemovableMediaWatcher.roots(s, System.getProperty("user.name")))
        .bandwidth(bandwidth(s))
        .build();
  }

  /** Whether recordings are uploaded while they are made, and the quiet time that ends one. */
  static LiveOptions live(Settings s) {
    int quiet = s.getInt(Setting.WATCH_QUIET_SECONDS);
    if (quiet < 1)
      throw new InvalidSettingException(Setting.WATCH_QUIET_SECONDS, "must be at least 1");
    return new LiveOptions(s.getBoolean(Setting.LIVE_UPLOAD), Duration.ofSeconds(quiet));
  }

  private static Bandwidth bandwidth(Settings s) {
    // the timetable is in the station's local time, daylight saving included
    Bandwidth b = new Bandwidth(bandwidthLimit(s), Clock.system(ZoneId.systemDefault()));
    b.setLivestream(livestreamLimit(s));
    return b;
  }

  /** The LIVESTREAM_LIMIT rates, or why they can't be used. */
  public static RatePair livestreamLimit(Settings s) {
    RatePair rates;
    try {
      rates = RatePair.parse(s.get(Setting.LIVESTREAM_LIMIT));
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(Setting.LIVESTREAM_LIMIT, e.getMessage());
    }
    if (!rates.up().limited()) {
      throw new InvalidSettingException(
          Setting.LIVESTREAM_LIMIT, "must limit the upload rate, e.g. 256K");
    }
    return rates;
  }

  /** The BANDWIDTH_LIMIT timetable, or why it can't be read. */
  public static BandwidthSchedule bandwidthLimit(Settings s) {
    try {
      return BandwidthSchedule.parse(s.get(Setting.BANDWIDTH_LIMIT));
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(Setting.BANDWIDTH_LIMIT, e.getMessage());
    }
  }

  /** True when DESTINATION is tus; anything but s3 or tus is refused. */
  public static boolean isTus(Settings s) {
    String d = s.get(Setting.DESTINATION).trim().toLowerCase(java.util.Locale.ROOT);
    if (d.isEmpty() || d.equals("s3")) return false;
    if (d.equals("tus")) return true;
    throw new InvalidSettingException(Setting.DESTINATION, "must be s3 or tus (got '" + d + "')");
  }

  public static String station(Settings s) {
    return s.optional(Setting.STATION_NAME)
        .orElseGet(
            () -> {
              try {
                return InetAddress.getLocalHost().getHostName();
              } catch (IOException e) {
                return "sermon-uploader";
              }
            });
  }
}
