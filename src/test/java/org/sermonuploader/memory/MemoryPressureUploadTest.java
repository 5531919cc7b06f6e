package org.sermonuploader.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.PressureLevel;
import org.sermonuploader.model.SermonDetails;

/** Uploads against the in-process S3 server while a fake probe drives the memory level. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class MemoryPressureUploadTest {
  private static final long MIB = 1L << 20;
  private static final Duration LONG = Duration.ofSeconds(20);

  @TempDir Path dir;
  private final FakeProbe probe = new FakeProbe(300, 3000);
  private final AtomicInteger gcCalls = new AtomicInteger();
  private final MemoryMonitor monitor =
      new MemoryMonitor(
          MemoryMonitorTest.POLICY,
          probe,
          Duration.ofMillis(50),
          gcCalls::incrementAndGet,
          Duration.ofSeconds(60),
          System::nanoTime);
  private final Set<JobState> statesSeen = ConcurrentHashMap.newKeySet();
  private TestRig rig;

  private TestRig rig(int partsInFlight) throws Exception {
    monitor.start();
    rig = TestRig.start(dir, monitor, partsInFlight);
    rig.engine.addListener(s -> statesSeen.add(s.state()));
    return rig;
  }

  @AfterEach
  void tearDown() {
    monitor.close();
    if (rig != null) rig.close();
  }

  @Test
  void whileMemoryIsShortNoPartIsSentAndTheUploadCarriesOnAfterwards() throws Exception {
    probe.rss(850); // warning: 85 % of the budget
    TestRig rig = rig(2);
    Path file = S3TestSupport.randomFile(dir, "sunday.mp3", 25 * MIB, 1);

    long id = rig.engine.add(file, SermonDetails.NONE).job().id();
    JobSnapshot paused = rig.await(id, s -> s.state() == JobState.PAUSED_LOW_MEMORY, LONG);
    assertEquals("paused: low memory", paused.state().words());
    assertEquals("paused: low memory; carries on by itself", paused.message());

    Thread.sleep(1000); // twenty readings, all still short
    JobSnapshot still = rig.engine.job(id).orElseThrow();
    assertEquals(JobState.PAUSED_LOW_MEMORY, still.state());
    assertEquals(0, rig.transfer.sendCalls(), "no part reached the server while paused");
    assertEquals(0, still.partsSent());
    assertEquals(0, still.bytesDone());
    assertNotNull(still.key());
    assertFalse(Files.exists(rig.stored(still.key())));

    probe.rss(650); // below 70 %: the warning ends
    JobSnapshot done = rig.await(id, s -> s.state().finished(), LONG);
    assertEquals(JobState.DONE, done.state(), done.toString());
    assertEquals(Set.of(1, 2, 3, 4, 5), rig.transfer.partsConfirmed());
    String sha = S3TestSupport.sha256(file);
    assertEquals(sha, done.sha256());
    assertEquals(
        sha, S3TestSupport.sha256(rig.stored(done.key())), "the stored object is the recording");
    assertEquals(rig.store.root().resolve("sermons").resolve("sunday.mp3"), rig.stored(done.key()));
    assertFalse(statesSeen.contains(JobState.FAILED));
  }

  @Test
  void aPauseInTheMiddleKeepsTheConfirmedPartsAndSendsNoneTwice() throws Exception {
    TestRig rig = rig(1);
    rig.transfer.beforePart(
        n -> {
          if (n == 2) {
            probe.rss(850); // memory runs short while part 2 is on its way
            monitor.sampleNow();
          }
        });
    Path file = S3TestSupport.randomFile(dir, "evening.wav", 25 * MIB, 2);

    long id = rig.engine.add(file, SermonDetails.NONE).job().id();
    rig.await(id, s -> s.state() == JobState.PAUSED_LOW_MEMORY, LONG);
    Thread.sleep(1000);
    JobSnapshot paused = rig.engine.job(id).orElseThrow();
    assertEquals(JobState.PAUSED_LOW_MEMORY, paused.state());
    assertEquals(
        Set.of(1, 2),
        rig.transfer.partsConfirmed(),
        "the part in flight finished, no new one started");
    assertEquals(2, rig.transfer.sendCalls());
    assertEquals(2, paused.partsSent());
    assertEquals(10 * MIB, paused.bytesDone());

    probe.rss(300);
    JobSnapshot done = rig.await(id, s -> s.state().finished(), LONG);
    assertEquals(JobState.DONE, done.state(), done.toString());
    assertEquals(5, rig.transfer.sendCalls(), "parts 1 and 2 were not sent again");
    assertEquals(S3TestSupport.sha256(file), S3TestSupport.sha256(rig.stored(done.key())));
    assertFalse(statesSeen.contains(JobState.FAILED));
  }

  @Test
  void criticalMemoryPausesAsksForOneCollectionAndNeverFailsTheUpload() throws Exception {
    probe.rss(970); // 97 %: critical
    TestRig rig = rig(2);
    Path file = S3TestSupport.randomFile(dir, "conference.mp4", 30 * MIB, 3);

    long id = rig.engine.add(file, SermonDetails.NONE).job().id();
    rig.await(id, s -> s.state() == JobState.PAUSED_LOW_MEMORY, LONG);
    assertEquals(
        1, monitor.partsInFlight(rig.engine.partsInFlight()), "critical: one part in flight");
    Thread.sleep(1000); // about twenty critical readings inside the 60 s cooldown
    assertEquals(PressureLevel.CRITICAL, monitor.level());
    assertTrue(probe.reads() >= 10, "readings taken: " + probe.reads());
    assertEquals(1, gcCalls.get(), "one collection, not one per reading");
    assertEquals(0, rig.transfer.sendCalls());

    probe.rss(300);
    JobSnapshot done = rig.await(id, s -> s.state().finished(), LONG);
    assertEquals(JobState.DONE, done.state(), done.toString());
    assertEquals(S3TestSupport.sha256(file), S3TestSupport.sha256(rig.stored(done.key())));
    assertEquals(1, gcCalls.get());
    assertFalse(statesSeen.contains(JobState.FAILED));
  }
}
