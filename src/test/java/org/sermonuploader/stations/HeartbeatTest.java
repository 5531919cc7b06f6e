package org.sermonuploader.stations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.engine.s3.S3AppRecords;
import org.sermonuploader.engine.s3.S3Transfer;
import org.sermonuploader.model.StationState;
import org.sermonuploader.model.StationView;

/** A station's heartbeat in a real bucket (S3Proxy), its timing driven by a clock of the test's. */
class HeartbeatTest {
  @TempDir Path tmp;
  EmbeddedStore store;
  S3Transfer s3;
  StationStore bucket;
  final StationFixtures.MovingClock clock =
      new StationFixtures.MovingClock(Instant.parse("2026-12-06T09:00:00Z"));

  @BeforeEach
  void start() throws Exception {
    store = S3TestSupport.startStore(tmp.resolve("store"));
    s3 = StationFixtures.transfer(store);
    bucket = StationFixtures.stationStore(s3);
  }

  @AfterEach
  void stop() {
    s3.close();
    store.close();
  }

  /** Counts the writes that reach the bucket. */
  final class Counting implements StationStore {
    final AtomicInteger writes = new AtomicInteger();

    @Override
    public @Nullable Instant write(String key, byte[] body) throws UploadException {
      writes.incrementAndGet();
      return bucket.write(key, body);
    }

    @Override
    public Optional<S3AppRecords.Fetched> read(String key) throws UploadException {
      return bucket.read(key);
    }

    @Override
    public S3AppRecords.Listing list(String prefix) throws UploadException {
      return bucket.list(prefix);
    }

    @Override
    public boolean claim(String key, byte[] body) throws UploadException {
      return bucket.claim(key, body);
    }
  }

  private StationView only() throws Exception {
    try (StationReader r = new StationReader(bucket, clock)) {
      List<StationView> all = r.read();
      assertEquals(1, all.size(), all.toString());
      return all.get(0);
    }
  }

  @Test
  void writesAtStartOnAChangeAtMostEveryTenSecondsAndEveryMinute() throws Exception {
    Counting counting = new Counting();
    StationFixtures.SetFacts facts = new StationFixtures.SetFacts();
    Heartbeat hb =
        new Heartbeat(
            counting,
            StationFixtures.identity("North campus", "/data/a"),
            facts,
            clock,
            Heartbeat.Timing.DEFAULT,
            line -> {});
    hb.tick();
    assertEquals(1, counting.writes.get(), "written at start");
    assertEquals(StationState.IDLE, only().state());

    clock.advance(Duration.ofSeconds(3));
    facts.state = StationState.UPLOADING;
    hb.tick();
    assertEquals(1, counting.writes.get(), "a change 3 s after a write waits");
    clock.advance(Duration.ofSeconds(7));
    hb.tick();
    assertEquals(2, counting.writes.get(), "and goes out 10 s after it");
    StationView v = only();
    assertEquals(StationState.UPLOADING, v.state());
    assertEquals("Sunday.wav", v.report().activity().uploads().get(0).name());
    assertEquals("North campus", v.name());

    clock.advance(Duration.ofSeconds(59));
    hb.tick();
    assertEquals(2, counting.writes.get(), "nothing changed, a minute not over");
    clock.advance(Duration.ofSeconds(1));
    hb.tick();
    assertEquals(3, counting.writes.get(), "every 60 s");

    hb.close();
    assertEquals(4, counting.writes.get());
    assertEquals(StationState.STOPPED, only().state());
    assertTrue(!only().problem(), "a stopped station is no problem");
  }

  @Test
  void theKeyHoldsNoSlashOrDotDot() throws Exception {
    Heartbeat hb =
        new Heartbeat(
            bucket,
            StationFixtures.identity("../north/hall", "/data/a"),
            new StationFixtures.SetFacts(),
            clock,
            Heartbeat.Timing.DEFAULT,
            line -> {});
    hb.tick();
    assertEquals(
        List.of(".sermon-uploader/stations/%2E%2E%2Fnorth%2Fhall.json"),
        bucket.list(StationKeys.PREFIX).objects().stream().map(S3AppRecords.Listed::key).toList());
    assertEquals("../north/hall", only().name());
  }

  @Test
  void theStoppedHeartbeatWaitsAtMost200Ms() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    StationStore slow =
        new StationStore() {
          @Override
          public @Nullable Instant write(String key, byte[] body) throws UploadException {
            try {
              never.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return null;
          }

          @Override
          public Optional<S3AppRecords.Fetched> read(String key) {
            return Optional.empty();
          }

          @Override
          public S3AppRecords.Listing list(String prefix) {
            return new S3AppRecords.Listing(List.of(), null);
          }

          @Override
          public boolean claim(String key, byte[] body) {
            return false;
          }
        };
    Heartbeat hb =
        new Heartbeat(
                slow,
                StationFixtures.identity("pi", "/data/a"),
                new StationFixtures.SetFacts(),
                clock,
                Heartbeat.Timing.DEFAULT,
                line -> {})
            .start();
    long t0 = System.nanoTime();
    hb.close();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(ms < 600, "close took " + ms + " ms");
  }

  @Test
  void aRefusedHeartbeatIsToldOnce() {
    List<String> told = new CopyOnWriteArrayList<>();
    StationStore refusing =
        new StationStore() {
          @Override
          public @Nullable Instant write(String key, byte[] body) throws UploadException {
            throw UploadException.fatal("Access denied.", "AccessDenied", null)
                .because(UploadException.Reason.ACCESS_DENIED);
          }

          @Override
          public Optional<S3AppRecords.Fetched> read(String key) {
            return Optional.empty();
          }

          @Override
          public S3AppRecords.Listing list(String prefix) {
            return new S3AppRecords.Listing(List.of(), null);
          }

          @Override
          public boolean claim(String key, byte[] body) {
            return false;
          }
        };
    Heartbeat hb =
        new Heartbeat(
            refusing,
            StationFixtures.identity("pi", "/data/a"),
            new StationFixtures.SetFacts(),
            clock,
            Heartbeat.Timing.DEFAULT,
            told::add);
    for (int i = 0; i < 3; i++) {
      hb.tick();
      clock.advance(Duration.ofSeconds(61));
    }
    hb.close();
    assertEquals(
        List.of(
            "This station may not write under .sermon-uploader/stations/ in the bucket, so other"
                + " stations cannot see it. Uploads are not affected."),
        told);
  }

  @Test
  void twoRunningStationsWithOneNameAreBothTold() throws Exception {
    List<String> toldA = new CopyOnWriteArrayList<>();
    List<String> toldB = new CopyOnWriteArrayList<>();
    Heartbeat a = beat("North campus", "/data/a", toldA);
    Heartbeat b = beat("North campus", "/data/b", toldB);
    a.tick();
    clock.advance(Duration.ofSeconds(20));
    b.tick(); // finds a's heartbeat
    clock.advance(Duration.ofSeconds(45));
    a.tick(); // a minute on: finds b's
    assertTrue(a.duplicate().isPresent());
    assertTrue(b.duplicate().isPresent());
    assertEquals(1, toldA.size(), toldA.toString());
    assertTrue(
        toldA.get(0).startsWith("Another station uses the name \"North campus\" (host-a, /data/b)"),
        toldA.get(0));
    assertTrue(toldB.get(0).contains("/data/a"), toldB.toString());
    StationView v = only();
    assertTrue(v.problem(), "the view says so too");
    assertTrue(v.report().duplicate().contains("another station uses the name"));
  }

  @Test
  void theSameHostAndFolderStartingAgainIsARestart() throws Exception {
    List<String> told = new CopyOnWriteArrayList<>();
    Heartbeat before = beat("North campus", "/data/a", told);
    before.tick(); // then killed: no "stopped"
    clock.advance(Duration.ofSeconds(5));
    Heartbeat after = beat("North campus", "/data/a", told);
    after.tick();
    assertNotEquals(before.runId(), after.runId());
    assertTrue(after.duplicate().isEmpty());
    assertEquals(List.of(), told);
    assertNull(only().report().duplicate());
    assertEquals(after.runId(), only().report().runId());
  }

  @Test
  void aStationWithItsClockHoursOffIsPlacedByTheServersClock() throws Exception {
    // the test's clock says 2026-12-06 09:00, however far that is from the real time
    Heartbeat hb = beat("North campus", "/data/a", new CopyOnWriteArrayList<>());
    hb.tick();
    clock.advance(Duration.ofSeconds(61));
    hb.tick(); // the answers' Date headers told it the server's time
    StationView v = only();
    Instant real = Instant.now();
    assertTrue(
        Duration.between(v.report().lastSeen(), real).abs().compareTo(Duration.ofMinutes(1)) < 0,
        "the heartbeat says " + v.report().lastSeen() + ", the server's time is " + real);
    assertTrue(Duration.between(v.lastSeen(), real).abs().compareTo(Duration.ofMinutes(1)) < 0);
    assertTrue(!v.stale(), "placed by the server's clock, it is not stale");
  }

  private Heartbeat beat(String name, String folder, List<String> told) {
    return new Heartbeat(
        bucket,
        StationFixtures.identity(name, folder),
        new StationFixtures.SetFacts(),
        clock,
        Heartbeat.Timing.DEFAULT,
        told::add);
  }
}
