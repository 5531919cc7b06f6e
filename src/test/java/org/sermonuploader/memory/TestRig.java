package org.sermonuploader.memory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.sermonuploader.Await;
import org.sermonuploader.app.EngineSettings;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.engine.CountingTransfer;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.UploadEngine;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.journal.Journal;
import org.sermonuploader.model.JobSnapshot;

/**
 * A real engine on a real S3 server: the in-process store on 127.0.0.1, the S3 transfer (with a
 * tally in front), the SQLite journal, and the gate the test gives.
 */
public final class TestRig implements AutoCloseable {
  public static final String BUCKET = S3TestSupport.BUCKET;

  public final EmbeddedStore store;
  public final Journal journal;
  public final CountingTransfer transfer;
  public final UploadEngine engine;

  private TestRig(
      EmbeddedStore store, Journal journal, CountingTransfer transfer, UploadEngine engine) {
    this.store = store;
    this.journal = journal;
    this.transfer = transfer;
    this.engine = engine;
  }

  /** Settings for small, quick uploads: 5 MiB parts, the given parts in flight. */
  public static Settings smallParts(int partsInFlight) {
    return Settings.defaults()
        .with(Setting.PART_SIZE, "5MiB")
        .with(Setting.PARTS_IN_FLIGHT, Integer.toString(partsInFlight))
        .with(Setting.STATION_NAME, "test-station")
        .with(Setting.MINIO_BUCKET, BUCKET);
  }

  public static TestRig start(Path dir, PressureGate gate, int partsInFlight) throws Exception {
    EmbeddedStore store = S3TestSupport.startStore(dir.resolve("store"));
    CountingTransfer transfer = new CountingTransfer(S3TestSupport.transfer(store));
    Journal journal = Journal.open(dir.resolve("data"));
    UploadEngine engine =
        new UploadEngine(
            EngineSettings.options(smallParts(partsInFlight)), journal, transfer, gate);
    engine.start();
    return new TestRig(store, journal, transfer, engine);
  }

  /** Where the store keeps an object: a file under its root, in the bucket's folder. */
  public Path stored(String key) {
    return store.root().resolve(BUCKET).resolve(key);
  }

  public JobSnapshot await(long id, Predicate<JobSnapshot> condition, Duration timeout)
      throws InterruptedException {
    return await(engine, id, condition, timeout);
  }

  public static JobSnapshot await(
      UploadEngine engine, long id, Predicate<JobSnapshot> condition, Duration timeout)
      throws InterruptedException {
    return Await.until("job " + id, timeout, () -> engine.job(id).orElseThrow(), condition);
  }

  @Override
  public void close() {
    engine.close();
    transfer.close();
    journal.close();
    store.close();
  }
}
