package org.sermonuploader.engine.tus;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.bandwidth.Bandwidth;
import org.sermonuploader.bandwidth.BandwidthSchedule;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;

/**
 * Pause on a 1 MiB/s line to a tus server cuts the write in flight: a 5 MiB part would otherwise
 * take some 4 s more. Resumed, the server ends up with the recording byte for byte.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TusPauseAtOnceTest {
  static final long MIB = EngineRig.MIB;

  @TempDir Path tmp;
  TusTestServer server;
  EngineRig rig;

  @BeforeEach
  void setUp() throws Exception {
    server = new TusTestServer(tmp.resolve("server"));
    rig = new EngineRig(tmp.resolve("data"));
  }

  @AfterEach
  void tearDown() throws Exception {
    rig.close();
    server.close();
  }

  @Test
  void pauseCutsTheWriteInFlightAndResumeStoresTheRightBytes() throws Exception {
    rig.bandwidth =
        new Bandwidth(
            BandwidthSchedule.parse("1M"), Clock.system(java.time.ZoneId.systemDefault()));
    Path file = S3TestSupport.randomFile(tmp, "t.mp3", 12 * MIB, 5);
    rig.start(server.endpoint(), Map.of(), 2);
    long id = rig.add(file);
    rig.awaitProgress(id, MIB + MIB / 4, 30);

    rig.engine.pause(id);
    await()
        .atMost(Duration.ofSeconds(2))
        .until(() -> rig.engine.job(id).orElseThrow().state() == JobState.PAUSED);
    assertTrue(
        rig.seen.stream().anyMatch(s -> s.id() == id && s.state() == JobState.PAUSING),
        "the row said pausing… meanwhile");
    assertTrue(rig.journal.parts(id).isEmpty(), "the cut part is not recorded as confirmed");

    rig.bandwidth.setSchedule(BandwidthSchedule.OFF);
    rig.engine.resume(id);
    JobSnapshot done = rig.awaitFinished(id, 60);
    assertEquals(JobState.DONE, done.state(), done.message());
    assertEquals(S3TestSupport.sha256(file), server.sha256Of(server.upload("t.mp3")));
  }

  @Test
  void aPausedRowKeepsTheBytesTheServerHoldsAndTheBarNeverGoesBack() throws Exception {
    rig.bandwidth =
        new Bandwidth(
            BandwidthSchedule.parse("2M"), Clock.system(java.time.ZoneId.systemDefault()));
    Path file = S3TestSupport.randomFile(tmp, "t.mp3", 12 * MIB, 6);
    rig.start(server.endpoint(), Map.of(), 2);
    long id = rig.add(file);
    // two 1 MiB writes answered by the server, the third under way; the 5 MiB part is not done
    rig.awaitProgress(id, 2 * MIB + MIB / 2, 30);

    rig.engine.pause(id);
    await()
        .atMost(Duration.ofSeconds(2))
        .until(() -> rig.engine.job(id).orElseThrow().state() == JobState.PAUSED);
    long paused = rig.engine.job(id).orElseThrow().bytesDone();
    assertTrue(paused >= 2 * MIB, "the row keeps what the server took, not 0: " + paused);
    assertTrue(paused < 5 * MIB, "the cut write is not counted: " + paused);

    int from = rig.seen.size();
    rig.bandwidth.setSchedule(BandwidthSchedule.OFF);
    rig.engine.resume(id);
    JobSnapshot done = rig.awaitFinished(id, 60);
    assertEquals(JobState.DONE, done.state(), done.message());
    for (JobSnapshot s : rig.seen.subList(from, rig.seen.size())) {
      if (s.id() == id) {
        assertTrue(s.bytesDone() >= paused, s.state() + " went back to " + s.bytesDone());
      }
    }
    assertEquals(S3TestSupport.sha256(file), server.sha256Of(server.upload("t.mp3")));
  }
}
