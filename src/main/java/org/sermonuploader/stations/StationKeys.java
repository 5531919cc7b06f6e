package org.sermonuploader.stations;

import java.time.Instant;
import org.sermonuploader.engine.ReservedKeys;

/** Where each station's heartbeat is kept in the bucket: one object per station name. */
public final class StationKeys {
  /** The folder of heartbeats inside the app's own folder. */
  public static final String PREFIX = ReservedKeys.PREFIX + "stations/";

  /**
   * Where the stations agree who tells of a missed recording: one marker per station and deadline,
   * written only while free, so one station posts.
   */
  public static final String MISSED_PREFIX = ReservedKeys.PREFIX + "missed/";

  private static final String SUFFIX = ".json";

  private StationKeys() {}

  /** The key of this station's heartbeat; the name can hold neither "/" nor "..". */
  public static String key(String stationName) {
    return PREFIX + ReservedKeys.segment(stationName) + SUFFIX;
  }

  /** The marker of the deadline {@code by} that passed with no recording from the station. */
  static String missedKey(String stationName, Instant by) {
    return MISSED_PREFIX + ReservedKeys.segment(stationName) + "/" + by.getEpochSecond() + SUFFIX;
  }

  /** Whether {@code key} is a heartbeat (not something else kept under the folder). */
  static boolean isHeartbeat(String key) {
    return key.startsWith(PREFIX)
        && key.endsWith(SUFFIX)
        && key.indexOf('/', PREFIX.length()) < 0
        && key.length() > PREFIX.length() + SUFFIX.length();
  }
}
