package org.sermonuploader.stations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.engine.s3.S3AppRecords;
import org.sermonuploader.engine.s3.S3Transfer;
import org.sermonuploader.model.StationReport;
import org.sermonuploader.model.StationState;

/** Clocks, stations' facts and the bucket's heartbeat store for the stations tests. */
final class StationFixtures {
  private StationFixtures() {}

  /** A clock the test moves. */
  static final class MovingClock extends Clock {
    private volatile Instant now;

    MovingClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  /** A station whose state the test sets. */
  static final class SetFacts implements StationFacts {
    volatile StationState state = StationState.IDLE;

    @Override
    public StationState state() {
      return state;
    }

    @Override
    public StationReport.Activity activity() {
      return new StationReport.Activity(
          state,
          state == StationState.UPLOADING
              ? List.of(new StationReport.Upload("Sunday.wav", 40, 1_000_000))
              : List.of(),
          state == StationState.UPLOADING ? 1 : 0,
          List.of(),
          1L << 30,
          "normal",
          0);
    }
  }

  static S3Transfer transfer(EmbeddedStore store) throws UploadException {
    return S3TestSupport.transfer(store);
  }

  static StationStore stationStore(S3Transfer s3) {
    return StationStore.of(new S3AppRecords(s3));
  }

  static Heartbeat.Identity identity(String name, String folder) {
    return new Heartbeat.Identity(name, "test", "host-a", folder);
  }
}
