package org.sermonuploader.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.engine.S3TestSupport.MIB;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.journal.Journal;
import org.sermonuploader.model.HistoryEntry;

/**
 * Issue "Trust, round two", item 7: {@code upload} and {@code resume} started at once on one data
 * folder, each its own JVM. The recording's parts go to the server once and History has one line
 * for it, whichever command ends up running the job.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class UploadAndResumeAtOnceTest {
  static final int PARTS = 6;

  @TempDir Path tmp;
  EmbeddedStore store;
  FaultProxy proxy;

  @BeforeEach
  void start() throws Exception {
    store = S3TestSupport.startStore(tmp.resolve("store"));
    proxy = new FaultProxy(store.port());
    proxy.throttle = 10L * MIB; // half a second a part: the second command starts mid-upload
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    store.stop();
  }

  @Test
  void uploadAndResumeOnOneDataFolderSendEachPartOnceAndWriteOneHistoryLine() throws Exception {
    Path home = tmp.resolve("home");
    Map<String, String> env = S3TestSupport.putAppEnv(new HashMap<>(), home, proxy.endpoint());
    env.put("PART_SIZE", "5MiB");
    env.put("PARTS_IN_FLIGHT", "2");
    Path file = S3TestSupport.randomFile(tmp, "evening service.wav", PARTS * 5 * MIB - 321, 77);
    Process upload = ChildProcess.start(env, tmp.resolve("upload.log"), "upload", file.toString());
    Process resume = null;
    try {
      // the job is in the journal and its first part on the server: now the second command starts
      Awaitility.await("the upload's first part")
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> ChildProcess.confirmedParts(home) >= 1);
      resume = ChildProcess.start(env, tmp.resolve("resume.log"), "resume");
      assertTrue(upload.waitFor(120, TimeUnit.SECONDS), "upload ended");
      assertTrue(resume.waitFor(120, TimeUnit.SECONDS), "resume ended");
      String uploadSaid = Files.readString(tmp.resolve("upload.log"));
      String resumeSaid = Files.readString(tmp.resolve("resume.log"));
      assertEquals(0, upload.exitValue(), uploadSaid);
      assertEquals(0, resume.exitValue(), resumeSaid);
    } finally {
      upload.destroyForcibly();
      if (resume != null) resume.destroyForcibly();
    }
    assertEquals(PARTS, proxy.partRequests(), "each part sent once: " + proxy.requestLines);
    assertEquals(
        S3TestSupport.sha256(file), S3TestSupport.downloadSha256(store, "evening service.wav"));
    try (Journal journal = Journal.open(home)) {
      List<HistoryEntry> history = journal.history();
      assertEquals(1, history.size(), "one history line for one recording: " + history);
      assertEquals("evening service.wav", history.get(0).key());
    }
  }
}
