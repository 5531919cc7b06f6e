package org.sermonuploader.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.app.UploadService;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.SermonDetails;

/**
 * Memory is already short (MemAvailable under MEMORY_MIN_AVAILABLE_MB) when the app starts, as the
 * CLI and the window wire it: the monitor's first reading comes before the first part, so neither a
 * multipart upload nor a single PUT sends a byte until memory is freed, then both finish.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class MemoryShortAtStartTest {
  private static final long MIB = 1L << 20;
  private static final Duration LONG = Duration.ofSeconds(20);

  @TempDir Path dir;
  private final FakeProbe probe = new FakeProbe(300, 150); // 150 MB available, floor 200 MB
  private final Set<JobState> statesSeen = ConcurrentHashMap.newKeySet();
  private EmbeddedStore store;
  private UploadService service;

  @BeforeEach
  void start() throws Exception {
    store = S3TestSupport.startStore(dir.resolve("store"));
    // a slow schedule: only the reading taken at start can know about the shortage in time
    MemoryMonitor monitor = new MemoryMonitor(MemoryMonitorTest.POLICY, probe, Duration.ofHours(1));
    Settings s =
        TestRig.smallParts(2)
            .with(Setting.MINIO_ENDPOINT, store.endpoint())
            .with(Setting.MINIO_ACCESS_KEY, S3TestSupport.ACCESS)
            .with(Setting.MINIO_SECRET_KEY, S3TestSupport.SECRET)
            .with(Setting.MAX_CONCURRENT_UPLOADS, "2") // both files wait side by side
            .with(Setting.STATUS_PORT, "0");
    service = UploadService.builder(s, dir.resolve("home")).monitor(monitor).open();
    service.engine().addListener(snap -> statesSeen.add(snap.state()));
  }

  @AfterEach
  void stop() {
    if (service != null) service.close();
    store.stop();
  }

  @Test
  void nothingIsSentUntilMemoryIsFreedThenBothUploadsFinish() throws Exception {
    Path large = S3TestSupport.randomFile(dir, "vigil.wav", 12 * MIB, 1); // three parts
    Path small = S3TestSupport.randomFile(dir, "notice.mp3", MIB, 2); // one PUT
    assertTrue(
        service.notices().stream().anyMatch(n -> n.startsWith("Memory is short right now")),
        service.notices().toString());

    service.engine().start(false);
    long multipart = service.engine().add(large, SermonDetails.NONE).job().id();
    long single = service.engine().add(small, SermonDetails.NONE).job().id();
    for (long id : List.of(multipart, single)) {
      JobSnapshot paused =
          TestRig.await(service.engine(), id, s -> s.state() == JobState.PAUSED_LOW_MEMORY, LONG);
      assertEquals("paused: low memory; carries on by itself", paused.message());
      assertEquals(0.0, paused.fraction(), "0 % before any byte is sent");
    }
    // several rounds of the engine's gate checks, with memory still short
    Thread.sleep(1000);
    for (long id : List.of(multipart, single)) {
      JobSnapshot still = service.engine().job(id).orElseThrow();
      assertEquals(JobState.PAUSED_LOW_MEMORY, still.state());
      assertEquals(0, still.bytesDone());
      assertEquals(0, still.partsSent());
    }
    assertFalse(Files.exists(stored("vigil.wav")));
    assertFalse(Files.exists(stored("notice.mp3")));

    probe.set(300, 3000);
    service.memory().orElseThrow().sampleNow(); // the next scheduled reading, without the hour
    for (Path f : List.of(large, small)) {
      long id = f.equals(large) ? multipart : single;
      JobSnapshot done = TestRig.await(service.engine(), id, s -> s.state().finished(), LONG);
      assertEquals(JobState.DONE, done.state(), done.toString());
      assertEquals(S3TestSupport.sha256(f), S3TestSupport.sha256(stored(done.key())));
    }
    assertFalse(statesSeen.contains(JobState.FAILED));
  }

  private Path stored(String key) {
    return store.root().resolve(S3TestSupport.BUCKET).resolve(key);
  }
}
