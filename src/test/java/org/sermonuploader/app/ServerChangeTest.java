package org.sermonuploader.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.engine.S3TestSupport.MIB;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.memory.PressureGate;
import org.sermonuploader.memory.TestRig;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;

/**
 * The server changed in Settings while a recording was half-way up: the upload on the old server is
 * aborted there, and the file goes up to the new one once, from 0, with one History line.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServerChangeTest {
  @TempDir Path tmp;
  EmbeddedStore oldStore;
  EmbeddedStore newStore;
  UploadService service;

  @AfterEach
  void stop() {
    if (service != null) service.close();
    if (oldStore != null) oldStore.close();
    if (newStore != null) newStore.close();
  }

  private static Settings on(EmbeddedStore store) {
    return TestRig.smallParts(1)
        .with(Setting.MINIO_ENDPOINT, store.endpoint())
        .with(Setting.MINIO_ACCESS_KEY, S3TestSupport.ACCESS)
        .with(Setting.MINIO_SECRET_KEY, S3TestSupport.SECRET);
  }

  private UploadService open(Settings s) throws Exception {
    UploadService u =
        UploadService.builder(s, tmp.resolve("data")).gateOnly(PressureGate.NEVER_PRESSED).open();
    u.engine().start();
    return u;
  }

  @Test
  void aHalfSentRecordingStartsOnceOnTheNewServerAndLeavesNothingOnTheOld() throws Exception {
    oldStore = S3TestSupport.startStore(tmp.resolve("old"));
    newStore = S3TestSupport.startStore(tmp.resolve("new"));
    Settings before = on(oldStore).with(Setting.BANDWIDTH_LIMIT, "2M");
    Settings after = on(newStore);
    assertTrue(ServerChange.movesServer(before, after));
    assertFalse(ServerChange.movesServer(before, before.with(Setting.BANDWIDTH_LIMIT, "off")));

    Path f = S3TestSupport.randomFile(tmp, "sunday.wav", 16 * MIB, 11);
    service = open(before);
    long id = service.engine().add(f, null).job().id();
    Awaitility.await("a part confirmed on the old server")
        .atMost(java.time.Duration.ofSeconds(60))
        .until(() -> service.engine().job(id).orElseThrow().bytesDone() >= 5 * MIB);
    assertEquals(List.of("sunday.wav"), S3TestSupport.unfinishedUploads(oldStore));
    assertEquals(1, ServerChange.begunUploads(service));

    assertEquals(1, ServerChange.closeStartingOver(service));
    assertEquals(List.of(), S3TestSupport.unfinishedUploads(oldStore), "parts left on the old");

    List<JobSnapshot> seen = new CopyOnWriteArrayList<>();
    long opened = System.nanoTime();
    service =
        UploadService.builder(after, tmp.resolve("data"))
            .gateOnly(PressureGate.NEVER_PRESSED)
            .open();
    service.engine().addListener(seen::add);
    service.engine().start();
    assertTrue(service.engine().awaitIdle(60, TimeUnit.SECONDS));
    long newRunMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opened);
    JobSnapshot done = service.engine().job(id).orElseThrow();
    assertEquals(JobState.DONE, done.state(), done.toString());
    assertEquals(S3TestSupport.sha256(f), S3TestSupport.downloadSha256(newStore, "sunday.wav"));
    assertTrue(
        seen.stream().noneMatch(s -> s.message() != null && s.message().contains("no longer had")),
        "the new server was not sent the file twice: " + seen);
    var history = service.engine().history();
    assertEquals(1, history.size(), "History lines");
    // the old server's run (over 2.5 s at 2 MB/s) is not counted in the time of the one that
    // finished
    assertTrue(
        history.get(0).durationMillis() <= newRunMillis,
        history.get(0).durationMillis() + " ms in History, the new run took " + newRunMillis);
  }
}
