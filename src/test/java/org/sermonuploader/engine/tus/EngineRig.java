package org.sermonuploader.engine.tus;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.sermonuploader.bandwidth.Bandwidth;
import org.sermonuploader.engine.EngineOptions;
import org.sermonuploader.engine.ObjectKeys;
import org.sermonuploader.engine.RetryPolicy;
import org.sermonuploader.engine.UploadEngine;
import org.sermonuploader.journal.Journal;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.SermonDetails;

/** The real engine, journal and tus transfer on a data directory, as the app assembles them. */
final class EngineRig implements AutoCloseable {
  static final long MIB = 1 << 20;
  static final long PART = 5 * MIB;
  static final int PAYLOAD = (int) MIB;
  static final int CHUNK = 64 << 10;

  final Path dataDir;
  final List<JobSnapshot> seen = Collections.synchronizedList(new ArrayList<>());
  Journal journal;
  TusTransfer transfer;
  UploadEngine engine;

  EngineRig(Path dataDir) {
    this.dataDir = dataDir;
  }

  Duration ioTimeout = Duration.ofSeconds(5);

  /** The limit parts are sent under; none unless a test sets one before {@link #start}. */
  Bandwidth bandwidth = Bandwidth.unlimited();

  TusConfig config(String endpoint, Map<String, String> headers) {
    return new TusConfig(
        endpoint,
        headers,
        Duration.ofSeconds(2),
        ioTimeout,
        PAYLOAD,
        CHUNK,
        dataDir.resolve(TusConfig.URL_STORE_FILE));
  }

  static EngineOptions options(int partsInFlight) {
    return EngineOptions.builder()
        .partSize(PART)
        .partsInFlight(partsInFlight)
        .keys(new ObjectKeys("", "{filename}", "test-station"))
        .station("test-station")
        .retry(new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(400)))
        .progressInterval(Duration.ofMillis(50))
        .build();
  }

  EngineRig start(String endpoint, Map<String, String> headers, int partsInFlight)
      throws Exception {
    journal = Journal.open(dataDir);
    transfer = new TusTransfer(config(endpoint, headers));
    engine =
        new UploadEngine(
            options(partsInFlight).toBuilder().bandwidth(bandwidth).build(),
            journal,
            transfer,
            null);
    engine.addListener(seen::add);
    engine.start();
    return this;
  }

  long add(Path file) throws Exception {
    return engine.add(file, SermonDetails.NONE).job().id();
  }

  JobSnapshot awaitFinished(long id, long seconds) {
    return await("job " + id + " finishing")
        .atMost(Duration.ofSeconds(seconds))
        .until(() -> engine.job(id).orElseThrow(), s -> s.state().finished());
  }

  /** Waits until the engine shows at least {@code bytes} done for the job. */
  void awaitProgress(long id, long bytes, long seconds) {
    await("progress to " + bytes + " bytes")
        .atMost(Duration.ofSeconds(seconds))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(5))
        .failFast(
            "finished before " + bytes + " bytes",
            () -> {
              JobSnapshot s = engine.job(id).orElseThrow();
              return s.state().finished() && s.bytesDone() < bytes;
            })
        .until(() -> engine.job(id).orElseThrow().bytesDone() >= bytes);
  }

  /** Stops as a crash would (the journal keeps the unfinished job), then frees the files. */
  void stop() {
    if (engine != null) engine.close();
    if (transfer != null) transfer.close();
    if (journal != null) journal.close();
    engine = null;
    transfer = null;
    journal = null;
  }

  @Override
  public void close() {
    stop();
  }
}
