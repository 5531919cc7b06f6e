package org.sermonuploader.usb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.sermonuploader.app.UploadService;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.engine.CountingTransfer;
import org.sermonuploader.engine.JobSnapshot;
import org.sermonuploader.engine.UploadEngine;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.engine.s3.S3Config;
import org.sermonuploader.engine.s3.S3Transfer;
import org.sermonuploader.journal.Journal;
import org.sermonuploader.memory.PressureGate;

/**
 * A real engine, as UploadService builds one, uploading to the in-process S3 store, with 5 MiB
 * parts, two in flight, and the transfer wrapped so tests can count and hold parts.
 */
final class Rig implements AutoCloseable {
  static final String BUCKET = "sermons";
  static final long PART = 5L << 20;

  final Path dataDir;
  final EmbeddedStore store;
  final Journal journal;
  final CountingTransfer transfer;
  final UploadEngine engine;
  final List<JobSnapshot> events = new CopyOnWriteArrayList<>();

  private Rig(Path dataDir, EmbeddedStore store, Journal journal, CountingTransfer transfer, UploadEngine engine) {
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

  static Rig open(Path dataDir) throws Exception {
    EmbeddedStore store = new EmbeddedStore(dataDir.resolve("store"), 0).start().withBucket(BUCKET);
    return open(dataDir, store);
  }

  /** A new engine and journal on the same data folder and store, as after a restart. */
  static Rig open(Path dataDir, EmbeddedStore store) throws Exception {
    Journal journal = Journal.open(dataDir);
    S3Config config = new S3Config(store.endpoint(), BUCKET, store.accessKey(), store.secretKey(), "us-east-1",
        Duration.ofSeconds(5), Duration.ofSeconds(30), null, false);
    CountingTransfer transfer = new CountingTransfer(new S3Transfer(config));
    UploadEngine engine = new UploadEngine(UploadService.engineOptions(settings()), journal, transfer,
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

  static void writeRandom(Path file, long size, long seed) throws IOException {
    Files.createDirectories(file.getParent());
    Random r = new Random(seed);
    byte[] chunk = new byte[1 << 20];
    try (var out = Files.newOutputStream(file)) {
      for (long done = 0; done < size; ) {
        r.nextBytes(chunk);
        int n = (int) Math.min(chunk.length, size - done);
        out.write(chunk, 0, n);
        done += n;
      }
    }
  }

  static String sha256(Path file) throws Exception {
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) d.update(buf, 0, n);
    }
    return HexFormat.of().formatHex(d.digest());
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting until " + what);
      Thread.sleep(20);
    }
  }

  JobSnapshot job(long id) {
    return engine.job(id).orElseThrow();
  }
}
