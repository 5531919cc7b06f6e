package org.sermonuploader.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.ui.TestBackends.onFx;
import static org.sermonuploader.ui.TestBackends.waitFx;

import io.minio.ListMultipartUploadsArgs;
import io.minio.MinioAsyncClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.app.UploadService;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.TransferSession;
import org.sermonuploader.engine.UploadPlan;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.engine.s3.S3Transfer;
import org.sermonuploader.journal.Journal;
import org.sermonuploader.memory.MemoryMonitor;
import org.sermonuploader.memory.MemoryPolicy;
import org.sermonuploader.model.JobRecord;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.MemorySample;
import org.sermonuploader.model.PressureLevel;
import org.sermonuploader.model.SermonDetails;
import org.sermonuploader.ui.NoticeBanner;
import org.sermonuploader.ui.TestBackends;
import org.sermonuploader.ui.UploadBackend;
import org.sermonuploader.ui.queue.JobRowView;
import org.sermonuploader.ui.settings.SettingsAccess;
import org.testfx.api.FxRobot;

/** The window on the real service: memory monitor, leftovers on the server, notices. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class WindowWiringTest {
  private static final long MIB = 1L << 20;

  @RegisterExtension final WindowFixture fx = new WindowFixture();
  @TempDir Path tmp;

  private MainWindow window;
  private EmbeddedStore store;

  private void open(UploadBackend.Opener opener, SettingsAccess settings) throws Exception {
    // the fallback readout says "critical": the gauge must show the monitor's level instead
    window =
        fx.on(settings, opener).memory(TestBackends.fixedMemory(PressureLevel.CRITICAL)).open();
  }

  private String rowState(FxRobot robot, String fileName) {
    return robot.lookup(".job-row").queryAllAs(JobRowView.class).stream()
        .filter(r -> r.model().nameProperty().get().equals(fileName))
        .map(r -> ((Label) r.lookup(".job-state")).getText())
        .findFirst()
        .orElse("");
  }

  private static String notice(FxRobot robot) throws Exception {
    return onFx(() -> robot.lookup("#notice").queryAs(NoticeBanner.class).text());
  }

  @Test
  void lowMemoryPausesTheUploadTheRowSaysSoAndTheGaugeShowsTheMonitorsLevel(FxRobot robot)
      throws Exception {
    Path data = tmp.resolve("data");
    Settings settings =
        Settings.defaults().with(Setting.STATUS_PORT, "0").with(Setting.PART_SIZE, "5MiB");
    AtomicLong rssMb = new AtomicLong(90); // budget 100 MB: warning from 80%, critical from 95%
    MemoryMonitor monitor =
        new MemoryMonitor(
            new MemoryPolicy(100 * MIB, 0.8, 0.95, 0),
            () -> MemorySample.ofMegabytes(rssMb.get(), 3000, 4000),
            Duration.ofMillis(100));
    SettingsAccess access = SettingsAccess.of(data, Map.of());
    open(
        () -> UploadBackend.of(UploadService.builder(settings, data).monitor(monitor).open()),
        access);

    waitFx(
        10,
        () -> robot.lookup(".level-text").queryAs(Label.class).getText().equals("memory tight"));
    assertEquals(
        "App 94.4 MB · 2 % of memory",
        onFx(() -> robot.lookup(".heap-text").queryAs(Label.class).getText()),
        "the gauge shows the app's whole memory as a share of the computer's");
    assertTrue(
        notice(robot).contains("No server is set up, so recordings are stored on this computer"),
        notice(robot));
    assertTrue(
        notice(robot).contains("\nMemory is short right now, so uploads wait until it is freed"),
        notice(robot));

    Path file = S3TestSupport.randomFile(tmp, "2024-06-09 Morning.wav", 7 * MIB, 9);
    robot.interact(() -> window.dropHandler().accept(List.of(file)));
    waitFx(15, () -> rowState(robot, "2024-06-09 Morning.wav").equals("paused: low memory"));
    Thread.sleep(500);
    assertEquals(JobState.PAUSED_LOW_MEMORY, window.host().queue().jobs().get(0).state());
    assertEquals(
        0,
        window.host().queue().jobs().get(0).bytesDone(),
        "nothing was read while memory was short");

    rssMb.set(20);
    waitFx(30, () -> rowState(robot, "2024-06-09 Morning.wav").equals("done ✓"));
    waitFx(5, () -> robot.lookup(".level-text").queryAs(Label.class).getText().equals("memory OK"));
    Path stored = data.resolve("local-store").resolve("sermons").resolve("2024-06-09 Morning.wav");
    assertEquals(S3TestSupport.sha256(file), S3TestSupport.sha256(stored));
  }

  @Test
  void dueLeftoversOnTheServerAreRemovedBeforeUploadsStartAndTheUserIsTold(FxRobot robot)
      throws Exception {
    store = fx.store(tmp.resolve("store"));
    Path home = tmp.resolve("home");
    Map<String, String> env = new HashMap<>();
    env.put("MINIO_ENDPOINT", store.endpoint());
    env.put("MINIO_ACCESS_KEY", S3TestSupport.ACCESS);
    env.put("MINIO_SECRET_KEY", S3TestSupport.SECRET);
    env.put("KEY_PREFIX", "church/");
    env.put("PART_SIZE", "5MiB");
    env.put("STATUS_PORT", "0");
    env.put("USB_MOUNT_ROOTS", tmp.resolve("no-media").toString());

    // a crash right after the server started the upload: the journal has the key but not the id
    Path f = S3TestSupport.randomFile(tmp, "Crashed.wav", 11 * MIB, 5);
    long size = Files.size(f);
    long mtime = Files.getLastModifiedTime(f).toMillis();
    String leftId;
    try (Journal j = Journal.open(home);
        S3Transfer t = S3TestSupport.transfer(store)) {
      long id =
          j.createJob(
              new JobRecord(
                  0,
                  f,
                  size,
                  mtime,
                  null,
                  null,
                  0,
                  JobState.UPLOADING,
                  null,
                  null,
                  SermonDetails.NONE,
                  Instant.now()));
      j.setUpload(id, "church/Crashed.wav", null, 5 * MIB, size, mtime);
      TransferSession s =
          t.open(new UploadPlan("church/Crashed.wav", size, 5 * MIB, Map.of()), null);
      leftId = s.uploadId();
    }
    FileTime eightDaysAgo = FileTime.from(Instant.now().minus(Duration.ofDays(8)));
    try (Stream<Path> all = Files.walk(store.root())) {
      for (Path p : all.filter(p -> p.toString().contains(leftId)).collect(Collectors.toList())) {
        Files.setLastModifiedTime(p, eightDaysAgo);
      }
    }
    assertTrue(uploadIds().contains(leftId));

    SettingsAccess access = SettingsAccess.of(home, env);
    open(access.opener(), access);
    assertTrue(
        notice(robot)
            .contains(
                "Removed an unfinished upload this computer left on the server: church/Crashed.wav"),
        notice(robot));
    assertFalse(uploadIds().contains(leftId), "the leftover is gone from the server");

    // the job itself continues from the journal, in a new upload, and ends complete
    waitFx(30, () -> rowState(robot, "Crashed.wav").equals("done ✓"));
    assertEquals(
        S3TestSupport.sha256(f), S3TestSupport.downloadSha256(store, "church/Crashed.wav"));
  }

  private Set<String> uploadIds() throws Exception {
    MinioAsyncClient c =
        MinioAsyncClient.builder()
            .endpoint(store.endpoint())
            .credentials(S3TestSupport.ACCESS, S3TestSupport.SECRET)
            .region("us-east-1")
            .build();
    return c
        .listMultipartUploads(
            ListMultipartUploadsArgs.builder().bucket(S3TestSupport.BUCKET).build())
        .get()
        .result()
        .uploads()
        .stream()
        .map(u -> u.uploadId())
        .collect(Collectors.toSet());
  }
}
