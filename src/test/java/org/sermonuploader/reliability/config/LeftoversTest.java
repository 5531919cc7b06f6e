package org.sermonuploader.reliability.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.reliability.config.CliRunner.assertNoStackTrace;

import io.minio.CreateMultipartUploadArgs;
import io.minio.ListMultipartUploadsArgs;
import io.minio.MinioAsyncClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.TransferSession;
import org.sermonuploader.engine.UploadPlan;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.engine.s3.S3Transfer;
import org.sermonuploader.journal.Journal;
import org.sermonuploader.model.JobRecord;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.SermonDetails;

/**
 * Unfinished uploads this computer left on the server are listed by "status" and removed after
 * LEFTOVER_DAYS; uploads of other clients and uploads the journal still tracks are never touched.
 * The server is S3Proxy; it takes an upload's start time from its stub file, so setting that file's
 * time back makes the server itself report an old upload.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LeftoversTest {
  private static final long MIB = S3TestSupport.MIB;
  @TempDir Path tmp;
  EmbeddedStore store;
  Path home;
  CliRunner cli;
  MinioAsyncClient otherClient;

  @BeforeEach
  void start() throws Exception {
    store = S3TestSupport.startStore(tmp.resolve("store"));
    home = tmp.resolve("home");
    cli = new CliRunner(home, store.endpoint());
    cli.env.put("KEY_PREFIX", "church/");
    cli.env.put("PART_SIZE", "5MiB");
    otherClient =
        MinioAsyncClient.builder()
            .endpoint(store.endpoint())
            .credentials(S3TestSupport.ACCESS, S3TestSupport.SECRET)
            .region("us-east-1")
            .build();
  }

  @AfterEach
  void stop() {
    store.stop();
  }

  /**
   * What the engine does for a multipart upload, up to a crash: the journal gets the key, the
   * server starts the upload, and the process dies before the journal gets the upload id.
   */
  private String crashRightAfterStarting(String fileName, String key) throws Exception {
    return startUpload(fileName, key, false);
  }

  /** The same, but the id reached the journal: an upload this computer will resume. */
  private String startTrackedUpload(String fileName, String key) throws Exception {
    return startUpload(fileName, key, true);
  }

  private String startUpload(String fileName, String key, boolean recordId) throws Exception {
    Path f = S3TestSupport.randomFile(tmp, fileName, 11 * MIB, fileName.hashCode());
    long size = Files.size(f);
    long mtime = Files.getLastModifiedTime(f).toMillis();
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
      j.setUpload(id, key, null, 5 * MIB, size, mtime);
      TransferSession s =
          t.open(new UploadPlan(key, size, 5 * MIB, Map.of("uploader", "sermon-uploader")), null);
      if (recordId) j.setUpload(id, key, s.uploadId(), 5 * MIB, size, mtime);
      return s.uploadId();
    }
  }

  private String otherClientStarts(String key) throws Exception {
    return otherClient
        .createMultipartUpload(
            CreateMultipartUploadArgs.builder().bucket(S3TestSupport.BUCKET).object(key).build())
        .get()
        .result()
        .uploadId();
  }

  /** Makes the server report the upload as started {@code age} ago. */
  private void backdate(String uploadId, Duration age) throws Exception {
    FileTime then = FileTime.from(Instant.now().minus(age));
    int touched = 0;
    try (Stream<Path> all = Files.walk(store.root())) {
      for (Path p : all.filter(p -> p.toString().contains(uploadId)).collect(Collectors.toList())) {
        Files.setLastModifiedTime(p, then);
        touched++;
      }
    }
    assertTrue(touched > 0, "no stub file for " + uploadId);
  }

  private Set<String> uploadIdsOnServer() throws Exception {
    return otherClient
        .listMultipartUploads(
            ListMultipartUploadsArgs.builder().bucket(S3TestSupport.BUCKET).build())
        .get()
        .result()
        .uploads()
        .stream()
        .map(u -> u.uploadId())
        .collect(Collectors.toSet());
  }

  private static String sectionLine(String out, String key) {
    return out.lines()
        .filter(l -> l.startsWith("  " + key + "  started "))
        .findFirst()
        .orElse(null);
  }

  @Test
  void statusListsOnlyThisComputersLeftoversAndCleaningRemovesOnlyTheStaleOnes() throws Exception {
    String staleKey = "church/Predigt 🙏 2026-03-01.wav";
    String stale = crashRightAfterStarting("a.wav", staleKey);
    backdate(stale, Duration.ofDays(10));
    String freshKey = "church/2026-11-20 evening.wav";
    String fresh = crashRightAfterStarting("b.wav", freshKey);
    String trackedKey = "church/2026-11-22 morning.wav";
    String tracked = startTrackedUpload("c.wav", trackedKey);
    backdate(tracked, Duration.ofDays(30));
    String otherPrefix = otherClientStarts("other-app/2026-03-01.wav");
    backdate(otherPrefix, Duration.ofDays(30));
    String otherSamePrefix = otherClientStarts("church/someone-else.wav");
    backdate(otherSamePrefix, Duration.ofDays(30));

    CliRunner.Result status = cli.run("status");
    assertEquals(0, status.code(), status.all());
    assertNoStackTrace(status);
    String out = status.out();
    assertTrue(
        out.contains(
            "Unfinished uploads on the server not in this computer's journal (removed when older than 7 days):"),
        out);
    String staleLine = sectionLine(out, staleKey);
    assertTrue(staleLine != null && staleLine.endsWith("10 days ago  due for removal"), out);
    String freshLine = sectionLine(out, freshKey);
    assertTrue(freshLine != null && !freshLine.contains("due"), out);
    assertEquals(null, sectionLine(out, trackedKey), out);
    assertEquals(null, sectionLine(out, "church/someone-else.wav"), out);
    assertEquals(null, sectionLine(out, "other-app/2026-03-01.wav"), out);
    assertTrue(
        out.contains(
            "1 other unfinished upload(s) under this prefix belong to other computers or apps"),
        out);
    assertTrue(out.contains("status --clean-leftovers"), out);
    assertEquals(
        Set.of(stale, fresh, tracked, otherPrefix, otherSamePrefix),
        uploadIdsOnServer(),
        "status alone removes nothing");

    CliRunner.Result clean = cli.run("status", "--clean-leftovers");
    assertEquals(0, clean.code(), clean.all());
    assertTrue(sectionLine(clean.out(), staleKey).endsWith("removed now"), clean.out());
    assertEquals(Set.of(fresh, tracked, otherPrefix, otherSamePrefix), uploadIdsOnServer());

    // the tracked upload is still whole: resume finishes it, and the bytes match
    CliRunner.Result resume = cli.run("resume");
    assertTrue(resume.out().contains("uploaded  c.wav -> " + trackedKey), resume.all());
    assertEquals(
        S3TestSupport.sha256(tmp.resolve("c.wav")),
        S3TestSupport.downloadSha256(store, trackedKey));
  }

  @Test
  void anUploadRunRemovesDueLeftoversAndSaysSo() throws Exception {
    String leftKey = "church/2026-10-04 morning.wav";
    String left = crashRightAfterStarting("old.wav", leftKey);
    backdate(left, Duration.ofDays(8));
    String someoneElse = otherClientStarts("church/2026-10-04 morning (phone).wav");
    backdate(someoneElse, Duration.ofDays(8));

    Path f = S3TestSupport.randomFile(tmp, "today.mp3", 3000, 5);
    CliRunner.Result r = cli.run("upload", f.toString());
    assertEquals(0, r.code(), r.all());
    assertTrue(
        r.out()
            .contains(
                "Removed an unfinished upload this computer left on the server: "
                    + leftKey
                    + " (started "),
        r.out());
    assertNoStackTrace(r);
    assertEquals(Set.of(someoneElse), uploadIdsOnServer());
    assertEquals(S3TestSupport.sha256(f), S3TestSupport.downloadSha256(store, "church/today.mp3"));
  }

  @Test
  void theLeftoverDaysSettingDecidesAndAnUploadYoungerThanAnHourIsSpared() throws Exception {
    cli.env.put("LEFTOVER_DAYS", "3");
    String fourDays = crashRightAfterStarting("d4.wav", "church/d4.wav");
    backdate(fourDays, Duration.ofDays(4));
    String twoDays = crashRightAfterStarting("d2.wav", "church/d2.wav");
    backdate(twoDays, Duration.ofDays(2));
    CliRunner.Result r = cli.run("status", "--clean-leftovers");
    assertTrue(r.out().contains("(removed when older than 3 days)"), r.out());
    assertEquals(Set.of(twoDays), uploadIdsOnServer(), r.out());

    // 0 days: removed at once, except what a run may have started a moment ago
    cli.env.put("LEFTOVER_DAYS", "0");
    String justNow = crashRightAfterStarting("now.wav", "church/now.wav");
    CliRunner.Result zero = cli.run("status", "--clean-leftovers");
    assertTrue(zero.out().contains("(removed when older than 1 hour)"), zero.out());
    assertFalse(sectionLine(zero.out(), "church/now.wav").contains("removed"), zero.out());
    assertEquals(Set.of(justNow), uploadIdsOnServer(), zero.out());
    backdate(justNow, Duration.ofMinutes(61));
    cli.run("status", "--clean-leftovers");
    assertEquals(Set.of(), uploadIdsOnServer());
  }

  @Test
  void statusWithoutUploadsDoesNotAskTheServerAndAServerThatIsDownIsOnlyNoted() throws Exception {
    int closed = TestServers.closedPort();
    CliRunner offline = new CliRunner(tmp.resolve("fresh-home"), "http://127.0.0.1:" + closed);
    CliRunner.Result fresh = offline.run("status");
    assertEquals(0, fresh.code(), fresh.all());
    assertEquals("No uploads yet." + System.lineSeparator(), fresh.out());

    crashRightAfterStarting("x.wav", "church/x.wav");
    cli.env.put("MINIO_ENDPOINT", "http://127.0.0.1:" + closed);
    CliRunner.Result down = cli.run("status");
    assertEquals(0, down.code(), down.all());
    assertTrue(down.out().contains("church/x.wav"), down.out());
    assertTrue(
        down.out()
            .contains(
                "Note: the server could not be asked about unfinished uploads: Nothing answers at"),
        down.out());
    assertNoStackTrace(down);
    CliRunner.Result cleanDown = cli.run("status", "--clean-leftovers");
    assertEquals(1, cleanDown.code(), cleanDown.all());
    assertTrue(
        cleanDown.err().startsWith("Error: the server could not be asked about unfinished uploads"),
        cleanDown.err());
  }

  @Test
  void theEmbeddedStoreIsCheckedToo() throws Exception {
    // no endpoint: the uploads go to the local store in the data folder, which status asks as well
    CliRunner local = new CliRunner(tmp.resolve("local-home"), null);
    local.env.put("KEY_PREFIX", "church/");
    local.env.put("PART_SIZE", "5MiB");
    local.env.remove("MINIO_ACCESS_KEY");
    local.env.remove("MINIO_SECRET_KEY");
    Path f = S3TestSupport.randomFile(tmp, "local.mp3", 2000, 9);
    assertEquals(0, local.run("upload", f.toString()).code());
    CliRunner.Result status = local.run("status");
    assertEquals(0, status.code(), status.all());
    assertTrue(
        status
            .out()
            .contains(
                "No unfinished uploads of this computer on the server that its journal does not track."),
        status.out());
    List<String> lines = status.out().lines().collect(Collectors.toList());
    assertTrue(
        lines.stream().anyMatch(l -> l.contains("local.mp3") && l.contains("done")), status.out());
  }
}
