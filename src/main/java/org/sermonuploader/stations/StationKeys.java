package org.sermonuploader.stations;

import org.sermonuploader.engine.ReservedKeys;

/** Where each station's heartbeat is kept in the bucket: one object per station name. */
public final class StationKeys {
  /** The folder of heartbeats inside the app's own folder. */
  public static final String PREFIX = ReservedKeys.PREFIX + "stations/";

  private static final String SUFFIX = ".json";

  private StationKeys() {}

  /** The key of this station's heartbeat; the name can hold neither "/" nor "..". */
  public static String key(String stationName) {
    return PREFIX + ReservedKeys.segment(stationName) + SUFFIX;
  }

  /** Whether {@code key} is a heartbeat (not something else kept under the folder). */
  static boolean isHeartbeat(String key) {
    return key.startsWith(PREFIX)
        && key.endsWith(SUFFIX)
        && key.indexOf('/', PREFIX.length()) < 0
        && key.length() > PREFIX.length() + SUFFIX.length();
  }
}
