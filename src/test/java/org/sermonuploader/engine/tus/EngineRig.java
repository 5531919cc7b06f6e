package org.sermonuploader.engine.tus;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.sermonuploader.engine.EngineOptions;
import org.sermonuploader.engine.JobSnapshot;
import org.sermonuploader.engine.ObjectKeys;
import org.sermonuploader.engine.RetryPolicy;
import org.sermonuploader.engine.SermonDetails;
import org.sermonuploader.engine.UploadEngine;
import org.sermonuploader.journal.Journal;

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
    return new EngineOptions(
        PART,
        partsInFlight,
        1,
        0,
        new ObjectKeys("", "{filename}", "test-station"),
        "test-station",
        new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(400)),
        Duration.ofMillis(50));
  }

  EngineRig start(String endpoint, Map<String, String> headers, int partsInFlight)
      throws Exception {
    journal = Journal.open(dataDir);
    transfer = new TusTransfer(config(endpoint, headers));
    engine = new UploadEngine(options(partsInFlight), journal, transfer, null);
    engine.addListener(seen::add);
    engine.start();
    return this;
  }

  long add(Path file) throws Exception {
    return engine.add(file, SermonDetails.NONE).job().id();
  }

  JobSnapshot awaitFinished(long id, long seconds) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < until) {
      JobSnapshot s = engine.job(id).orElseThrow();
      if (s.state().finished()) return s;
      Thread.sleep(20);
    }
    throw new AssertionError(
        "job not finished in " + seconds + " s: " + engine.job(id).orElseThrow());
  }

  /** Waits until the engine shows at least {@code bytes} done for the job. */
  void awaitProgress(long id, long bytes, long seconds) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < until) {
      JobSnapshot s = engine.job(id).orElseThrow();
      if (s.bytesDone() >= bytes) return;
      if (s.state().finished())
        throw new AssertionError("finished before " + bytes + " bytes: " + s);
      Thread.sleep(5);
    }
    throw new AssertionError("no progress to " + bytes + " bytes: " + engine.job(id).orElseThrow());
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
