package org.sermonuploader.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.app.UploadService;
import org.sermonuploader.config.InvalidSettingException;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.UploadEngine;
import org.sermonuploader.memory.PressureGate;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;

@Timeout(60)
class WatchFolderTest {
  private static final Duration QUIET = Duration.ofSeconds(30);

  @TempDir Path dir;
  private UploadService service;
  private UploadEngine engine;
  private Path folder;
  private final MutableClock clock = new MutableClock();

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private volatile Instant now = Instant.parse("2024-05-05T10:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    service =
        UploadService.builder(Settings.defaults(), dir.resolve("data"))
            .gateOnly(PressureGate.NEVER_PRESSED)
            .open();
    engine = service.engine();
    folder = Files.createDirectories(dir.resolve("recorder"));
  }

  @AfterEach
  void tearDown() {
    service.close();
  }

  private WatchFolder watch() {
    return new WatchFolder(engine, folder, QUIET, clock);
  }

  private static void append(Path file, int bytes) throws Exception {
    Files.createDirectories(file.getParent());
    byte[] b = new byte[bytes];
    new java.util.Random(bytes).nextBytes(b);
    Files.write(file, b, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Test
  void aRecordingIsQueuedOnlyAfterItStoppedGrowingAndNeverTwice() throws Exception {
    engine.start();
    WatchFolder w = watch();
    Path rec = folder.resolve("2024-05-05 sermon.wav");
    append(rec, 1000);
    assertEquals(List.of(), w.pollOnce(), "first seen: it may still be growing");

    clock.advance(Duration.ofSeconds(20));
    append(rec, 1000); // the recorder is still writing
    assertEquals(List.of(), w.pollOnce());

    clock.advance(Duration.ofSeconds(29));
    assertEquals(List.of(), w.pollOnce(), "29 s without change is not yet quiet");
    assertTrue(engine.jobs().isEmpty());

    clock.advance(Duration.ofSeconds(1));
    assertEquals(List.of(rec), w.pollOnce(), "30 s without change: queued");

    clock.advance(Duration.ofSeconds(60));
    assertEquals(List.of(), w.pollOnce(), "never twice");
    assertTrue(engine.awaitIdle(30, TimeUnit.SECONDS));
    JobSnapshot job = engine.jobs().get(0);
    assertEquals(JobState.DONE, job.state());
    assertEquals(
        S3TestSupport.sha256(rec),
        S3TestSupport.sha256(service.dataDir().resolve("local-store/sermons").resolve(job.key())));

    engine.remove(job.id()); // the volunteer clears the list
    clock.advance(Duration.ofSeconds(60));
    assertEquals(List.of(), w.pollOnce());
    WatchFolder afterRestart = watch();
    afterRestart.pollOnce();
    clock.advance(QUIET);
    assertEquals(List.of(), afterRestart.pollOnce(), "the history knows it was uploaded");
    assertTrue(engine.jobs().isEmpty());
  }

  @Test
  void aCancelledRecordingIsNotQueuedAgain() throws Exception {
    WatchFolder w = watch();
    Path rec = folder.resolve("test recording.mp3");
    append(rec, 500);
    w.pollOnce();
    clock.advance(QUIET);
    assertEquals(List.of(rec), w.pollOnce());
    long id = engine.jobs().get(0).id();
    engine.cancel(id);
    Awaitility.await("the job is cancelled")
        .atMost(Duration.ofSeconds(10))
        .until(() -> engine.job(id).orElseThrow().state() == JobState.CANCELLED);

    WatchFolder afterRestart = watch();
    afterRestart.pollOnce();
    clock.advance(QUIET);
    assertEquals(List.of(), afterRestart.pollOnce());
    assertEquals(1, engine.jobs().size());
  }

  @Test
  void onlyNonEmptyVisibleRecordingsAreTakenOldestFirst() throws Exception {
    WatchFolder w = watch();
    append(folder.resolve("notes.txt"), 10);
    append(folder.resolve("empty.wav"), 0);
    append(folder.resolve(".sermon.wav.partial"), 10);
    append(folder.resolve(".hidden.wav"), 10);
    append(folder.resolve(".sync/inside.wav"), 10);
    Path older = folder.resolve("2024/05/older.mp3");
    Path newer = folder.resolve("newer.m4a");
    append(older, 10);
    append(newer, 10);
    Files.setLastModifiedTime(older, java.nio.file.attribute.FileTime.fromMillis(1_000_000));
    Files.setLastModifiedTime(newer, java.nio.file.attribute.FileTime.fromMillis(2_000_000));
    w.pollOnce();
    clock.advance(QUIET);
    assertEquals(List.of(older, newer), w.pollOnce());
  }

  @Test
  void aFolderThatIsNotThereYetIsWaitedFor() throws Exception {
    Path share = dir.resolve("share/recordings");
    WatchFolder w = new WatchFolder(engine, share, QUIET, clock);
    assertEquals(List.of(), w.pollOnce());
    append(share.resolve("a.wav"), 10);
    w.pollOnce();
    clock.advance(QUIET);
    assertEquals(List.of(share.resolve("a.wav")), w.pollOnce());
  }

  @Test
  void theWatchThreadLooksByItself() throws Exception {
    WatchFolder w = watch();
    Path rec = folder.resolve("a.wav");
    append(rec, 10);
    w.start(Duration.ofMillis(20));
    try {
      assertTrue(
          Thread.getAllStackTraces().keySet().stream()
              .anyMatch(t -> t.getName().equals("watch-folder") && t.isDaemon()));
      Thread.sleep(200); // several looks at the same size and time
      assertTrue(engine.jobs().isEmpty());
      clock.advance(QUIET);
      Awaitility.await("the recording is queued")
          .atMost(Duration.ofSeconds(10))
          .until(() -> !engine.jobs().isEmpty());
      assertEquals(rec, engine.jobs().get(0).path());
    } finally {
      w.close();
    }
  }

  @Test
  void theSettingsChooseTheFolderAndTheQuietTime() {
    assertEquals(Optional.empty(), WatchFolder.fromSettings(Settings.defaults(), engine));
    WatchFolder w =
        WatchFolder.fromSettings(
                Settings.defaults().with(Setting.WATCH_FOLDER, folder.toString()), engine)
            .orElseThrow();
    assertEquals(folder, w.folder());
    assertEquals(Duration.ofSeconds(30), w.quiet());
    Settings bad =
        Settings.defaults()
            .with(Setting.WATCH_FOLDER, folder.toString())
            .with(Setting.WATCH_QUIET_SECONDS, "0");
    assertThrows(InvalidSettingException.class, () -> WatchFolder.fromSettings(bad, engine));
  }
}
