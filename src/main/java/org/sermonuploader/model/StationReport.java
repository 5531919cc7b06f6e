package org.sermonuploader.model;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One station's heartbeat as kept in the bucket.
 *
 * @param runId new each time the app starts: two running stations with one name differ in it
 * @param dataFolder the station's data folder: the same host and folder again is a restart
 * @param lastSeen the server's clock when written (the station's own clock corrected by the Date of
 *     its previous write)
 * @param duplicate what the station knows of another one using its name, or null
 * @param expected when its recordings are expected (EXPECT_UPLOAD), or null
 */
public record StationReport(
    String name,
    String runId,
    String version,
    String host,
    String dataFolder,
    Instant started,
    Instant lastSeen,
    Activity activity,
    @Nullable String duplicate,
    @Nullable UploadExpectation expected) {

  /** A heartbeat of a station that expects no recordings at set times. */
  public StationReport(
      String name,
      String runId,
      String version,
      String host,
      String dataFolder,
      Instant started,
      Instant lastSeen,
      Activity activity,
      @Nullable String duplicate) {
    this(name, runId, version, host, dataFolder, started, lastSeen, activity, duplicate, null);
  }

  /** What the station is doing at the moment of the heartbeat. */
  public record Activity(
      StationState state,
      List<Upload> uploads,
      int queueLength,
      List<Finished> lastFinished,
      long freeDiskBytes,
      String memoryLevel,
      long bandwidthLimitBytesPerSecond) {

    public Activity {
      uploads = List.copyOf(uploads);
      lastFinished = List.copyOf(lastFinished);
    }

    /** The same activity in another state (the final "stopped"). */
    public Activity in(StationState s) {
      return new Activity(
          s,
          uploads,
          queueLength,
          lastFinished,
          freeDiskBytes,
          memoryLevel,
          bandwidthLimitBytesPerSecond);
    }
  }

  /** A recording being sent. */
  public record Upload(String name, int percent, long bytesPerSecond) {}

  /** A recording finished, whatever its outcome. */
  public record Finished(
      String name, long size, @Nullable String sha256, Instant at, String outcome) {}
}
