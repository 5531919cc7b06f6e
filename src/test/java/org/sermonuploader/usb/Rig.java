package org.sermonuploader.usb;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sermonuploader.app.EngineSettings;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.engine.CountingTransfer;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.UploadEngine;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.journal.Journal;
import org.sermonuploader.memory.PressureGate;
import org.sermonuploader.model.JobSnapshot;

/**
 * A real engine, as UploadService builds one, uploading to the in-process S3 store, with 5 MiB
 * parts, two in flight, and the transfer wrapped so tests can count and hold parts.
 */
final class Rig implements AutoCloseable {
  static final String BUCKET = S3TestSupport.BUCKET;
  static final long PART = 5L << 20;

  final Path dataDir;
  final EmbeddedStore store;
  final Journal journal;
  final CountingTransfer transfer;
  final UploadEngine engine;
  final List<JobSnapshot> events = new CopyOnWriteArrayList<>();

  private Rig(
      Path dataDir,
      EmbeddedStore store,
      Journal journal,
      CountingTransfer transfer,
      UploadEngine engine) {
    this.dataDir = dataDir;
    this.store = store;
    this.journal = journal;
    this.transfer = transfer;
    this.engine = engine;
    engine.addListener(events::add);
  }

  static Settings settings() {
    return Settings.defaults()
        .with(Setting.PART_SIZE, "5MiB")
        .with(Setting.PARTS_IN_FLIGHT, "2")
        .with(Setting.RETRY_MAX_DELAY_SECONDS, "1")
        .with(Setting.STATION_NAME, "booth");
  }

  /** Where the tests mount their sticks: beside the data folder, as /media/pi is beside home. */
  static Path usbRoot(Path dataDir) {
    return dataDir.resolveSibling("media").resolve("pi");
  }

  static Rig open(Path dataDir) throws Exception {
    return open(dataDir, S3TestSupport.startStore(dataDir.resolve("store")));
  }

  /** A new engine and journal on the same data folder and store, as after a restart. */
  static Rig open(Path dataDir, EmbeddedStore store) throws Exception {
    Journal journal = Journal.open(dataDir);
    CountingTransfer transfer = new CountingTransfer(S3TestSupport.transfer(store));
    UploadEngine engine =
        new UploadEngine(
            EngineSettings.options(
                settings().with(Setting.USB_MOUNT_ROOTS, usbRoot(dataDir).toString())),
            journal,
            transfer,
            PressureGate.NEVER_PRESSED);
    engine.setFileCheckInterval(Duration.ofMillis(100));
    return new Rig(dataDir, store, journal, transfer, engine);
  }

  Path stored(String key) {
    return store.root().resolve(BUCKET).resolve(key);
  }

  /** Closes the engine and journal but leaves the store running. */
  void closeEngine() {
    engine.close();
    transfer.close();
    journal.close();
  }

  @Override
  public void close() {
    closeEngine();
    store.close();
  }

  JobSnapshot job(long id) {
    return engine.job(id).orElseThrow();
  }
}
