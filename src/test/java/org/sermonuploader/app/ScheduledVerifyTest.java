package org.sermonuploader.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.engine.S3TestSupport.MIB;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.bandwidth.SettableClock;
import org.sermonuploader.config.InvalidSettingException;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.library.Verifier;
import org.sermonuploader.memory.PressureGate;
import org.sermonuploader.model.CheckOutcome;
import org.sermonuploader.model.RecordingCheck;
import org.sermonuploader.model.SermonDetails;
import org.sermonuploader.notify.WebhookRecorder;

/** VERIFY_EVERY: at most once per period, remembered across restarts, only when no upload runs. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ScheduledVerifyTest {
  @TempDir Path tmp;
  EmbeddedStore store;
  WebhookRecorder discord;
  Settings settings;
  Path data;
  SettableClock clock = new SettableClock(ZoneId.of("UTC"), "2026-11-29T03:00");

  @BeforeEach
  void start() throws Exception {
    store = S3TestSupport.startStore(tmp.resolve("store"));
    discord = new WebhookRecorder();
    data = tmp.resolve("data");
    settings =
        Settings.defaults()
            .with(Setting.MINIO_ENDPOINT, store.endpoint())
            .with(Setting.MINIO_BUCKET, S3TestSupport.BUCKET)
            .with(Setting.MINIO_ACCESS_KEY, S3TestSupport.ACCESS)
            .with(Setting.MINIO_SECRET_KEY, S3TestSupport.SECRET)
            .with(Setting.PART_SIZE, "5MiB")
            .with(Setting.VERIFY_EVERY, "7d")
            .with(Setting.DISCORD_WEBHOOK_URL, discord.url());
  }

  @AfterEach
  void stop() {
    discord.close();
    store.stop();
  }

  UploadService open() throws Exception {
    return UploadService.builder(settings, data).gateOnly(PressureGate.NEVER_PRESSED).open();
  }

  void upload(String name, long size) throws Exception {
    Path f = S3TestSupport.randomFile(tmp, name, size, name.hashCode());
    try (UploadService s = open()) {
      s.start(line -> {});
      s.engine().add(f, SermonDetails.NONE);
      assertTrue(s.engine().awaitIdle(60, TimeUnit.SECONDS));
    }
  }

  void damage(String key) throws Exception {
    Path stored = store.root().resolve(S3TestSupport.BUCKET).resolve(key);
    try (RandomAccessFile f = new RandomAccessFile(stored.toFile(), "rw")) {
      f.seek(f.length() / 2);
      int b = f.read();
      f.seek(f.length() / 2);
      f.write(b ^ 0xFF);
    }
  }

  Optional<List<Verifier.Result>> tick() throws Exception {
    try (UploadService s = open()) {
      return new ScheduledVerify(
              new Library(s), ScheduledVerify.period(settings).orElseThrow(), clock)
          .tick();
    }
  }

  @Test
  void runsOncePerPeriodRemembersItAcrossRestartsAndPostsWhatDiffers() throws Exception {
    upload("good.wav", 6 * MIB);
    upload("bad.wav", 6 * MIB);
    damage("bad.wav");

    Optional<List<Verifier.Result>> first = tick();
    assertTrue(first.isPresent(), "nothing ran before: the first look runs the verify");
    assertEquals(
        "Checked 2: 1 ok, 1 differs, 0 missing, 0 no checksum known.",
        Verifier.summary(first.get()));
    String post = discord.await(1, 10_000).get(0).body();
    assertTrue(post.contains("bad.wav") && post.contains("differs"), post);
    assertTrue(!post.contains("good.wav"), "only the problem is posted: " + post);

    try (UploadService s = open()) {
      RecordingCheck bad =
          s.journal().checks().all().stream()
              .filter(c -> c.key().equals("bad.wav"))
              .findFirst()
              .orElseThrow();
      assertEquals(CheckOutcome.DIFFERS, bad.outcome());
      assertEquals(clock.instant(), bad.checkedAt(), "the row says when it was checked");
    }

    // each tick opens the service again, as a restart of the app does
    clock.advance(Duration.ofHours(1));
    assertTrue(tick().isEmpty(), "an hour later it is not due");
    clock.advance(Duration.ofDays(6).plusHours(22));
    assertTrue(tick().isEmpty(), "6 days 23 hours after the run it is not due");
    clock.advance(Duration.ofHours(1));
    assertTrue(tick().isPresent(), "7 days after the run it runs again");
    assertEquals(2, discord.await(2, 10_000).size(), "the second run posts again");
  }

  @Test
  void waitsWhileAnUploadIsQueued() throws Exception {
    Path f = S3TestSupport.randomFile(tmp, "sunday.wav", 6 * MIB, 7);
    try (UploadService s = open()) {
      // not started: the recording stays queued, as behind a long upload
      s.engine().add(f, SermonDetails.NONE);
      ScheduledVerify v = new ScheduledVerify(new Library(s), Duration.ofDays(7), clock);
      assertTrue(v.tick().isEmpty(), "due, but an upload is waiting: no verify now");
      s.start(line -> {});
      assertTrue(s.engine().awaitIdle(60, TimeUnit.SECONDS));
      Optional<List<Verifier.Result>> ran = v.tick();
      assertTrue(ran.isPresent(), "once the queue is through it runs");
      assertEquals("ok", ran.get().get(0).outcome().words());
    }
  }

  @Test
  void readsThePeriod() {
    assertEquals(
        Optional.of(Duration.ofDays(7)),
        ScheduledVerify.period(settings.with(Setting.VERIFY_EVERY, "7d")));
    assertEquals(
        Optional.of(Duration.ofHours(12)),
        ScheduledVerify.period(settings.with(Setting.VERIFY_EVERY, "12h")));
    assertEquals(Optional.empty(), ScheduledVerify.period(Settings.defaults()));
    InvalidSettingException e =
        assertThrows(
            InvalidSettingException.class,
            () -> ScheduledVerify.period(settings.with(Setting.VERIFY_EVERY, "weekly")));
    assertTrue(e.getMessage().contains("VERIFY_EVERY"), e.getMessage());
  }
}
