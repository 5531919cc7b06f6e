package org.sermonuploader.memory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.function.Predicate;
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

/**
 * A real engine on a real S3 server: the in-process store on 127.0.0.1, the S3 transfer (with a
 * tally in front), the SQLite journal, and the gate the test gives.
 */
public final class TestRig implements AutoCloseable {
  public static final String BUCKET = "sermons";

  public final EmbeddedStore store;
  public final Journal journal;
  public final CountingTransfer transfer;
  public final UploadEngine engine;

  private TestRig(EmbeddedStore store, Journal journal, CountingTransfer transfer, UploadEngine engine) {
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
    EmbeddedStore store = new EmbeddedStore(dir.resolve("store"), 0).start().withBucket(BUCKET);
    S3Config config = new S3Config(store.endpoint(), BUCKET, store.accessKey(), store.secretKey(), "us-east-1",
        Duration.ofSeconds(5), Duration.ofSeconds(30), null, false);
    CountingTransfer transfer = new CountingTransfer(new S3Transfer(config));
    Journal journal = Journal.open(dir.resolve("data"));
    UploadEngine engine = new UploadEngine(UploadService.engineOptions(smallParts(partsInFlight)), journal,
        transfer, gate);
    engine.start();
    return new TestRig(store, journal, transfer, engine);
  }

  /** Where the store keeps an object: a file under its root, in the bucket's folder. */
  public Path stored(String key) {
    return store.root().resolve(BUCKET).resolve(key);
  }

  public JobSnapshot await(long id, Predicate<JobSnapshot> condition, Duration timeout) throws InterruptedException {
    return await(engine, id, condition, timeout);
  }

  public static JobSnapshot await(UploadEngine engine, long id, Predicate<JobSnapshot> condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    JobSnapshot s = engine.job(id).orElseThrow();
    while (!condition.test(s)) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out; job is " + s);
      Thread.sleep(20);
      s = engine.job(id).orElseThrow();
    }
    return s;
  }

  /** A file of random bytes (recordings do not compress, nor does this). */
  public static Path randomFile(Path dir, String name, long bytes, long seed) throws IOException {
    Path file = dir.resolve(name);
    Random random = new Random(seed);
    byte[] chunk = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = bytes; left > 0; left -= chunk.length) {
        random.nextBytes(chunk);
        out.write(chunk, 0, (int) Math.min(chunk.length, left));
      }
    }
    return file;
  }

  public static String sha256(Path file) throws Exception {
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) d.update(buf, 0, n);
    }
    return HexFormat.of().formatHex(d.digest());
  }

  @Override
  public void close() {
    engine.close();
    transfer.close();
    journal.close();
    store.close();
  }
}
