package org.sermonuploader.stations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.engine.s3.S3AppRecords;
import org.sermonuploader.engine.s3.S3Transfer;
import org.sermonuploader.model.StationReport;
import org.sermonuploader.model.StationState;
import org.sermonuploader.model.UploadExpectation;
import org.sermonuploader.notify.DiscordNotifier;
import org.sermonuploader.notify.WebhookRecorder;

/**
 * EXPECT_UPLOAD=Sun-13:00 with three stations watching one S3Proxy bucket, on a clock the test
 * moves: each missed Sunday is posted to Discord once, by one of them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MissedUploadAlertsTest {
  private static final UploadExpectation SUNDAY_13 =
      new UploadExpectation("Sun-13:00", Duration.ofHours(12), ZoneOffset.UTC);
  private static final DiscordNotifier.Timing QUICK =
      new DiscordNotifier.Timing(
          Duration.ofSeconds(1),
          Duration.ofSeconds(2),
          Duration.ofSeconds(1),
          Duration.ofMinutes(10),
          Duration.ofSeconds(3));

  @TempDir Path tmp;
  EmbeddedStore store;
  S3Transfer s3;
  final List<AutoCloseable> open = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    store = S3TestSupport.startStore(tmp.resolve("store"));
    s3 = StationFixtures.transfer(store);
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open) c.close();
    s3.close();
    store.close();
  }

  /** A station's heartbeat with its expectation and the time its last recording was stored. */
  private void beat(String name, @Nullable UploadExpectation expect, @Nullable Instant stored) {
    StationFacts facts =
        new StationFacts() {
          @Override
          public StationState state() {
            return StationState.IDLE;
          }

          @Override
          public StationReport.Activity activity() {
            List<StationReport.Finished> done =
                stored == null
                    ? List.of()
                    : List.of(
                        new StationReport.Finished(name + ".wav", 1000, null, stored, "done"));
            return new StationReport.Activity(
                StationState.IDLE, List.of(), 0, done, 1L << 30, "normal", 0);
          }
        };
    new Heartbeat(
            StationFixtures.stationStore(s3),
            new Heartbeat.Identity(name, "test", "host-" + name, "/data", expect),
            facts,
            Clock.systemUTC(),
            Heartbeat.Timing.DEFAULT,
            line -> {})
        .tick();
  }

  /**
   * The bucket, as a server that sends no Date: the stations then go by the test's clock (a real
   * server's clock is used when it sends one).
   */
  private StationStore onTestClock() {
    StationStore bucket = StationFixtures.stationStore(s3);
    return new StationStore() {
      @Override
      public @Nullable Instant write(String key, byte[] body) throws UploadException {
        return bucket.write(key, body);
      }

      @Override
      public Optional<S3AppRecords.Fetched> read(String key) throws UploadException {
        return bucket.read(key);
      }

      @Override
      public S3AppRecords.Listing list(String prefix) throws UploadException {
        return new S3AppRecords.Listing(bucket.list(prefix).objects(), null);
      }

      @Override
      public boolean claim(String key, byte[] body) throws UploadException {
        return bucket.claim(key, body);
      }
    };
  }

  private <T extends AutoCloseable> T kept(T c) {
    open.add(c);
    return c;
  }

  @Test
  void eachMissedSundayIsPostedOnceWithThreeStationsWatching() throws Exception {
    beat("North campus", SUNDAY_13, Instant.parse("2026-12-05T18:00:00Z")); // Saturday: too early
    beat("South campus", SUNDAY_13, Instant.parse("2026-12-06T09:30:00Z")); // in time
    beat("Chapel", null, null); // expects nothing
    StationFixtures.MovingClock clock =
        new StationFixtures.MovingClock(Instant.parse("2026-12-06T12:59:00Z"));
    WebhookRecorder discord = kept(new WebhookRecorder());
    List<DiscordNotifier> notifiers = new ArrayList<>();
    List<MissedUploadAlerts> stations = new ArrayList<>();
    for (String name : List.of("North campus", "South campus", "Chapel")) {
      DiscordNotifier n =
          kept(new DiscordNotifier(discord.url(), id -> Optional.empty(), QUICK, 16).start());
      notifiers.add(n);
      stations.add(
          kept(
              new MissedUploadAlerts(
                  onTestClock(),
                  clock,
                  name + " (run)",
                  (title, text, delivered) -> n.post(title, text, List.of(), true, delivered))));
    }

    for (MissedUploadAlerts s : stations) s.look();
    assertEquals(0, offered(notifiers), "posted before 13:00");

    clock.advance(Duration.ofMinutes(2)); // Sunday 13:01
    for (int round = 0; round < 3; round++) for (MissedUploadAlerts s : stations) s.look();
    assertEquals(1, offered(notifiers), "one post for North campus's missed Sunday");
    String body = discord.await(1, 10_000).get(0).body();
    assertTrue(
        body.contains(
            "No recording from North campus since Sun 01:00; one was expected by Sun 13:00 (last"
                + " seen "),
        body);
    assertTrue(body.contains(", idle)."), body);

    // a week later nobody has uploaded: both campuses missed it, North campus is not heard from
    clock.advance(Duration.ofDays(7));
    for (int round = 0; round < 2; round++) for (MissedUploadAlerts s : stations) s.look();
    assertEquals(3, offered(notifiers));
    List<WebhookRecorder.Request> all = discord.await(3, 10_000);
    assertEquals(3, all.size());
    assertTrue(all.stream().anyMatch(r -> r.body().contains("No recording from South campus")));
    assertTrue(
        all.stream().anyMatch(r -> r.body().contains("not heard from (last: idle)")),
        all.toString());
    assertEquals(
        3, StationFixtures.stationStore(s3).list(StationKeys.MISSED_PREFIX).objects().size());
  }

  /** Posts each station's notifier took: sent, waiting or failed. */
  private static int offered(List<DiscordNotifier> notifiers) {
    return notifiers.stream().mapToInt(n -> n.sent() + n.waiting() + n.failed()).sum();
  }

  @Test
  void thePostIsTriedAgainByTheStationThatClaimedItOnlyUntilItGoesOut() throws Exception {
    beat("North campus", SUNDAY_13, null);
    Clock sunday = Clock.fixed(Instant.parse("2026-12-06T14:00:00Z"), ZoneOffset.UTC);
    List<String> tries = new CopyOnWriteArrayList<>();
    MissedUploadAlerts first =
        kept(
            new MissedUploadAlerts(
                onTestClock(),
                sunday,
                "Main hall (run-1)",
                (title, text, delivered) -> {
                  tries.add("Main hall");
                  delivered.accept(tries.size() > 1); // Discord down at first
                }));
    MissedUploadAlerts second =
        kept(
            new MissedUploadAlerts(
                onTestClock(),
                sunday,
                "Chapel (run-2)",
                (title, text, delivered) -> {
                  tries.add("Chapel");
                  delivered.accept(true);
                }));
    first.look();
    second.look();
    first.look();
    first.look();
    second.look();
    assertEquals(List.of("Main hall", "Main hall"), tries);
  }
}
