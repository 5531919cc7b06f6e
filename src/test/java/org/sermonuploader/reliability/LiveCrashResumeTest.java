package org.sermonuploader.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.engine.S3TestSupport.MIB;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.engine.Recorder;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.s3.EmbeddedStore;

/**
 * {@code sermon-uploader watch} killed with SIGKILL while a recording is being made, and started
 * again while the recorder still writes: it carries on with the parts the server holds, keeps
 * following the file, and the object is the finished recording. A signal ends it with exit code 0.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LiveCrashResumeTest {
  @TempDir Path tmp;
  EmbeddedStore store;
  Map<String, String> env;
  Path folder;
  Path home;

  @BeforeEach
  void start() throws Exception {
    store = S3TestSupport.startStore(tmp.resolve("store"));
    home = tmp.resolve("home");
    folder = Files.createDirectories(tmp.resolve("recordings"));
    env = S3TestSupport.putAppEnv(new HashMap<>(), home, store.endpoint());
    env.put("PART_SIZE", "5MiB");
    env.put("LIVE_UPLOAD", "true");
    env.put("WATCH_QUIET_SECONDS", "30");
  }

  private final java.util.List<Process> children = new java.util.ArrayList<>();

  @AfterEach
  void stop() {
    children.forEach(Process::destroyForcibly); // a failed test leaves no watcher running
    store.stop();
  }

  private Process watch(String log) throws Exception {
    Process p = ChildProcess.start(env, tmp.resolve(log), "watch", folder.toString());
    children.add(p);
    return p;
  }

  @Test
  void killedMidRecordingCarriesOnAtTheNextStart() throws Exception {
    Path wav = folder.resolve("evening.wav");
    Process first = watch("first.log");
    await("the first run watching")
        .atMost(Duration.ofSeconds(60))
        .until(() -> Files.readString(tmp.resolve("first.log")).contains("Watching"));
    // slow enough that the recorder still writes when the second run has started
    try (Recorder rec = new Recorder(wav, MIB, 30 * MIB, 7)) {
      rec.start();
      await("a part confirmed while recording")
          .atMost(Duration.ofSeconds(60))
          .until(() -> ChildProcess.confirmedParts(home) >= 1);
      first.destroyForcibly(); // SIGKILL
      assertTrue(first.waitFor(10, TimeUnit.SECONDS));
      int before = ChildProcess.confirmedParts(home);
      assertTrue(rec.written() < 30 * MIB, "the recorder still writes");

      Process second = watch("second.log");
      Path log = tmp.resolve("second.log");
      await("the second run following the file")
          .atMost(Duration.ofSeconds(60))
          .until(() -> Files.readString(log).contains("following the recording"));
      rec.finish();
      await("the upload done")
          .atMost(Duration.ofSeconds(90))
          .until(() -> Files.readString(log).contains("uploaded as evening.wav"));
      String local = S3TestSupport.sha256(wav);
      assertEquals(local, S3TestSupport.downloadSha256(store, "evening.wav"));
      assertTrue(Files.readString(log).contains("SHA-256 " + local), Files.readString(log));
      // parts the first run confirmed were not sent again: 30 MiB is 7 parts (5 MiB, then 5 MiB)
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("part (\\d+) sent").matcher(Files.readString(log));
      int sentBySecond = 0;
      while (m.find()) sentBySecond = Math.max(sentBySecond, Integer.parseInt(m.group(1)));
      assertTrue(
          sentBySecond <= 7 - before,
          sentBySecond + " parts sent after the restart, " + before + " held before");
      assertTrue(before >= 1);

      second.destroy(); // SIGTERM
      assertTrue(second.waitFor(20, TimeUnit.SECONDS));
      assertEquals(0, second.exitValue(), Files.readString(log));
      assertTrue(Files.readString(log).contains("Stopped."), Files.readString(log));
    }
  }
}
