package org.sermonuploader.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.config.ExpectedUploads;
import org.sermonuploader.config.InvalidSettingException;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.engine.JournalException;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.engine.s3.S3AppRecords;
import org.sermonuploader.engine.s3.S3Transfer;
import org.sermonuploader.model.HistoryEntry;
import org.sermonuploader.model.StationView;
import org.sermonuploader.model.StationWords;
import org.sermonuploader.model.UploadExpectation;
import org.sermonuploader.stations.StationJson;
import org.sermonuploader.stations.StationReader;
import org.sermonuploader.stations.StationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every station that reports into the bucket, as the {@code stations} command and the window show
 * them: read over the same server, bucket and keys as the uploads.
 */
public final class ListStations {
  private static final Logger log = LoggerFactory.getLogger(ListStations.class);
  private final Clock clock;

  public ListStations(Clock clock) {
    this.clock = clock;
  }

  /**
   * What was found.
   *
   * @param stations by name
   * @param took how long reading them took (start-up excluded)
   * @param notices what to tell the user once (the local store in use)
   * @param fetched how many heartbeats were read in full (the others had not changed)
   * @param self the name of the station reading them (STATION_NAME, else the host name)
   */
  public record Result(
      List<StationView> stations, Duration took, List<String> notices, int fetched, String self) {
    /** Whether any station needs someone to look at it. */
    public boolean anyProblem() {
      return stations.stream().anyMatch(StationView::problem);
    }

    /** Whether {@code v} is the station reading them. */
    public boolean isSelf(StationView v) {
      return v.name().equals(self);
    }
  }

  /** A station as the {@code --json} output writes it: the heartbeat's own format. */
  public static ObjectNode json(StationView station) {
    return StationJson.node(station.report());
  }

  /** Reads the heartbeats in the bucket the settings name. */
  public Result run(Settings settings, Path dataDir) throws UploadException, IOException {
    if (EngineSettings.isTus(settings)) {
      throw new InvalidSettingException(
          Setting.DESTINATION,
          "stations report into an S3 bucket; with tus there is none to read them from");
    }
    List<String> notices = new ArrayList<>();
    Destinations.Destination d = Destinations.open(settings, dataDir, notices);
    EmbeddedStore store = d.store();
    try (S3Transfer s3 = (S3Transfer) d.transfer()) {
      try (StationReader reader = new StationReader(StationStore.of(new S3AppRecords(s3)), clock)) {
        return read(reader, notices, EngineSettings.station(settings));
      }
    } finally {
      if (store != null) store.close();
    }
  }

  private static Result read(StationReader reader, List<String> notices, String self)
      throws UploadException {
    long start = System.nanoTime();
    List<StationView> stations = reader.read();
    return new Result(
        stations, Duration.ofNanos(System.nanoTime() - start), notices, reader.lastFetches(), self);
  }

  /**
   * Keeps one reader over a running service's own connection, so each {@link Watch#read()} lists
   * once and reads only the heartbeats whose ETag changed since the last.
   */
  public Watch watch(UploadService service) {
    S3Transfer s3 = StationPresence.bucket(service);
    return new Watch(
        s3 == null ? null : new StationReader(StationStore.of(new S3AppRecords(s3)), clock),
        service,
        clock);
  }

  /** How many of this station's newest finished uploads tell whether one was stored in time. */
  private static final int RECENT = 10;

  /** The stations of one running service, read again on each call. */
  public static final class Watch implements AutoCloseable {
    private final @Nullable StationReader reader;
    private final UploadService service;
    private final Clock clock;
    private final String self;

    private Watch(@Nullable StationReader reader, UploadService service, Clock clock) {
      this.reader = reader;
      this.service = service;
      this.clock = clock;
      this.self = EngineSettings.station(service.settings());
    }

    /** False with tus or the built-in store: stations meet only in a shared S3 bucket. */
    public boolean hasBucket() {
      return reader != null;
    }

    /** Whether recordings go to a tus server (else, without a bucket, to the built-in store). */
    public boolean tus() {
      return EngineSettings.isTus(service.settings());
    }

    /**
     * "No recording from Main hall since …" when this station's own expected recording
     * (EXPECT_UPLOAD) has not arrived, from its own history; empty when it has or none is expected.
     * Without a bucket no other station can say it. Reads the journal: off the FX thread; a journal
     * that cannot be read says nothing here (it is told where it matters, in the queue).
     */
    public Optional<String> ownMissed() {
      Optional<UploadExpectation> e =
          ExpectedUploads.of(service.settings(), ZoneId.systemDefault());
      if (e.isEmpty()) return Optional.empty();
      List<HistoryEntry> recent;
      try {
        recent = service.journal().history(0, RECENT);
      } catch (JournalException ex) {
        log.info("History not read for the expected recording: {}", ex.getMessage());
        return Optional.empty();
      }
      @Nullable Instant stored = null;
      for (HistoryEntry h : recent) {
        // every history line is a recording stored on the server
        if (stored == null || h.finishedAt().isAfter(stored)) {
          stored = h.finishedAt();
        }
      }
      return e.get().missed(clock.instant(), stored).map(m -> StationWords.missed(self, m) + ".");
    }

    /** Every station found; none without a bucket. Reads the bucket: off the FX thread. */
    public Result read() throws UploadException {
      if (reader == null) return new Result(List.of(), Duration.ZERO, List.of(), 0, self);
      return ListStations.read(reader, List.of(), self);
    }

    @Override
    public void close() {
      if (reader != null) reader.close();
    }
  }
}
