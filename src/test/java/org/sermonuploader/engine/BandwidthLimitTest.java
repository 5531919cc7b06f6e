package org.sermonuploader.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.engine.S3TestSupport.MIB;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.bandwidth.Bandwidth;
import org.sermonuploader.bandwidth.BandwidthSchedule;
import org.sermonuploader.bandwidth.SettableClock;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.engine.s3.S3Config;
import org.sermonuploader.engine.s3.S3Transfer;
import org.sermonuploader.journal.Journal;
import org.sermonuploader.memory.PressureGate;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.SermonDetails;

/**
 * The limit as a user sees it: the rate an upload achieves against a real S3 server (S3Proxy
 * in-process), measured from the job's elapsed time.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BandwidthLimitTest {
  @TempDir Path tmp;
  EmbeddedStore store;
  Path files;

  @BeforeEach
  void start() throws Exception {
    store = S3TestSupport.startStore(tmp.resolve("store"));
    files = Files.createDirectories(tmp.resolve("files"));
  }

  @AfterEach
  void stop() {
    store.stop();
  }

  /**
   * An upload's outcome and its sending rate: bytes over the time from the first progress report
   * with bytes sent to the one with all of them sent, so starting the engine, the server's first
   * answers and the check after the upload on a busy machine do not count against the limit.
   */
  private record Run(
      JobSnapshot job, double sendingSeconds, double bytesPerSecond, int sendCalls) {}

  private Run upload(Path f, EngineOptions options, S3Config config) throws Exception {
    try (Journal journal = Journal.open(tmp.resolve("data-" + f.getFileName()));
        CountingTransfer transfer = new CountingTransfer(new S3Transfer(config));
        UploadEngine engine =
            new UploadEngine(options, journal, transfer, PressureGate.NEVER_PRESSED)) {
      AtomicLong firstNanos = new AtomicLong();
      AtomicLong firstBytes = new AtomicLong();
      AtomicLong doneNanos = new AtomicLong();
      engine.addListener(
          j -> {
            long now = System.nanoTime();
            if (j.bytesDone() > 0 && firstBytes.get() == 0) {
              firstNanos.set(now);
              firstBytes.set(j.bytesDone());
            }
            if (j.bytesDone() == j.size()) doneNanos.compareAndSet(0, now);
          });
      engine.start();
      long id = engine.add(f, SermonDetails.NONE).job().id();
      assertTrue(engine.awaitIdle(150, TimeUnit.SECONDS), "upload did not finish");
      JobSnapshot job = engine.job(id).orElseThrow();
      double seconds = (doneNanos.get() - firstNanos.get()) / 1e9;
      return new Run(job, seconds, (job.size() - firstBytes.get()) / seconds, transfer.sendCalls());
    }
  }

  private static Bandwidth limit(String setting) {
    return new Bandwidth(
        BandwidthSchedule.parse(setting), Clock.system(java.time.ZoneId.systemDefault()));
  }

  private void assertRate(Path f, String setting, long bytesPerSecond, int partsInFlight)
      throws Exception {
    EngineOptions options =
        S3TestSupport.options().toBuilder()
            .partSize(8 * MIB)
            .partsInFlight(partsInFlight)
            .bandwidth(limit(setting))
            .build();
    Run run = upload(f, options, S3TestSupport.config(store));
    assertEquals(JobState.DONE, run.job().state(), run.job().message());
    assertEquals(
        S3TestSupport.sha256(f), S3TestSupport.downloadSha256(store, f.getFileName().toString()));
    double ratio = run.bytesPerSecond() / bytesPerSecond;
    assertTrue(
        ratio > 0.9 && ratio < 1.1,
        String.format(
            "achieved %.2f of the %s limit in %.1f s", ratio, setting, run.sendingSeconds()));
  }

  @Test
  void eightMiBPerSecondHoldsWithFourPartsInFlight() throws Exception {
    Path f = S3TestSupport.randomFile(files, "service.wav", 64 * MIB, 1);
    assertRate(f, "8M", 8 * MIB, 4);
  }

  @Test
  void oneMiBPerSecondHolds() throws Exception {
    Path f = S3TestSupport.randomFile(files, "evening.wav", 10 * MIB, 2);
    assertRate(f, "1M", MIB, 2);
  }

  @Test
  void aSlowLimitSendsLongPartsWithoutTrippingTheIoTimeout() throws Exception {
    Path f = S3TestSupport.randomFile(files, "slow.wav", 5 * MIB + 4096, 3);
    // a 5 MiB part at 512 KiB/s takes 10 s, five times the 2 s allowed for a stalled write
    S3Config shortTimeout =
        new S3Config(
            store.endpoint(),
            S3TestSupport.BUCKET,
            S3TestSupport.ACCESS,
            S3TestSupport.SECRET,
            "us-east-1",
            Duration.ofSeconds(2),
            Duration.ofSeconds(2),
            null,
            false);
    EngineOptions options =
        S3TestSupport.options().toBuilder().partsInFlight(1).bandwidth(limit("512K")).build();
    Run run = upload(f, options, shortTimeout);
    assertEquals(JobState.DONE, run.job().state(), run.job().message());
    assertEquals(2, run.sendCalls(), "each part sent once, none retried after a timeout");
    assertTrue(run.sendingSeconds() > 9, "took " + run.sendingSeconds() + " s");
    assertEquals(S3TestSupport.sha256(f), S3TestSupport.downloadSha256(store, "slow.wav"));
  }

  @Test
  void theNextTimetableEntryBitesInTheMiddleOfAPart() throws Exception {
    Path f = S3TestSupport.randomFile(files, "sunday.wav", 6 * MIB, 4);
    SettableClock clock = new SettableClock(ZoneId.systemDefault(), "2026-11-29T12:59:50");
    Bandwidth b = new Bandwidth(BandwidthSchedule.parse("Sun-08:00,256K Sun-13:00,off"), clock);
    EngineOptions options =
        S3TestSupport.options().toBuilder().partsInFlight(1).bandwidth(b).build();
    try (Journal journal = Journal.open(tmp.resolve("data"));
        S3Transfer transfer = new S3Transfer(S3TestSupport.config(store));
        UploadEngine engine =
            new UploadEngine(options, journal, transfer, PressureGate.NEVER_PRESSED)) {
      engine.start();
      long id = engine.add(f, SermonDetails.NONE).job().id();
      Awaitility.await("the first MiB sent")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> engine.job(id).orElseThrow().bytesDone() >= MIB);
      assertTrue(
          engine.job(id).orElseThrow().bytesDone() < 5 * MIB,
          "the switch came before the end of the first part");
      clock.set("2026-11-29T13:00:00");
      long switched = System.nanoTime();
      // at 256 KiB/s the rest would take over 15 s
      assertTrue(engine.awaitIdle(8, TimeUnit.SECONDS), "still limited after 13:00");
      assertTrue((System.nanoTime() - switched) / 1e9 < 8);
      assertEquals(JobState.DONE, engine.job(id).orElseThrow().state());
      assertEquals(S3TestSupport.sha256(f), S3TestSupport.downloadSha256(store, "sunday.wav"));
    }
  }
}
