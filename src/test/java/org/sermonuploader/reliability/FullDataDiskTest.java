package org.sermonuploader.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.cli.Cli;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.journal.Journal;
import org.sermonuploader.model.JobRecord;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.PartRecord;
import org.sermonuploader.model.SermonDetails;

/**
 * The data folder on a disk that is full (a small tmpfs, filled to the last byte): a healthy
 * journal is never taken for a damaged one, and the CLI names the full disk and stops (exit 2).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FullDataDiskTest {
  private static final Pattern FULL =
      Pattern.compile("is full \\(\\d+ MB free\\); free some space and run it again");

  @TempDir Path tmp;
  Path disk;
  Map<String, String> env;

  record Result(int code, String out, String err) {}

  @BeforeEach
  void mountSmallDisk() throws Exception {
    disk = Files.createDirectories(tmp.resolve("small-disk"));
    int rc =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", disk.toString())
            .redirectErrorStream(true)
            .start()
            .waitFor();
    if (rc != 0) disk = null;
    Assumptions.assumeTrue(rc == 0, "needs root to mount a small tmpfs as a full disk");
    env = new HashMap<>();
    env.put("SERMON_UPLOADER_HOME", disk.resolve("home").toString());
    env.put("STATUS_PORT", "0");
  }

  @AfterEach
  void unmount() throws Exception {
    if (disk != null) new ProcessBuilder("umount", disk.toString()).start().waitFor();
  }

  @Test
  void aHealthyJournalOnAFullDiskIsLeftAsItIsAndStatusNamesTheFullDisk() throws Exception {
    Path home = disk.resolve("home");
    long job;
    try (Journal j = Journal.open(home)) {
      job = j.createJob(queued(Path.of("/rec/100MB.wav"), 100_000_000));
      j.setUpload(job, "100MB.wav", "upload-7", 5 << 20, 100_000_000, 1);
      for (int n = 1; n <= 4; n++) j.recordPart(job, new PartRecord(n, 5 << 20, null, "e" + n));
    }
    fillTheDisk();

    Result r = cli("status");
    assertEquals(Cli.USAGE, r.code(), r.out() + r.err());
    assertTrue(FULL.matcher(r.err()).find(), r.err());
    assertTrue(r.err().contains("The disk holding " + home), r.err());
    assertFalse(r.err().contains("damaged"), r.err());
    assertEquals(List.of(), damagedFiles(home), "a healthy journal is never moved aside");

    freeTheDisk();
    assertEquals("ok", integrityCheck(home.resolve(Journal.FILE_NAME)));
    Result after = cli("status");
    assertEquals(0, after.code(), after.out() + after.err());
    assertTrue(after.out().contains("100MB.wav"), after.out());
    assertTrue(after.out().contains("upload-7") || after.out().contains("queued"), after.out());
    try (Journal j = Journal.open(home)) {
      assertEquals(null, j.recoveryNotice());
      assertEquals("upload-7", j.unfinished().get(0).uploadId());
      assertEquals(4, j.parts(job).size(), "the four confirmed parts are still there");
    }
  }

  @Test
  void aNewDataFolderOnAFullDiskNamesTheFullDisk() throws Exception {
    fillTheDisk();
    Path home = disk.resolve("home");
    Result r = cli("status");
    assertEquals(Cli.USAGE, r.code(), r.out() + r.err());
    assertTrue(FULL.matcher(r.err()).find(), r.err());
    assertFalse(r.err().contains("damaged"), r.err());
    assertEquals(List.of(), damagedFiles(home));
  }

  @Test
  void everyFileOfARunOnAFullDataDiskIsCountedOnceWithItsTrueOutcome() throws Exception {
    EmbeddedStore store = S3TestSupport.startStore(tmp.resolve("store"));
    try {
      S3TestSupport.putAppEnv(env, disk.resolve("home"), store.endpoint());
      Path stick = Files.createDirectories(tmp.resolve("stick"));
      for (int i = 1; i <= 30; i++) {
        S3TestSupport.randomFile(stick, String.format("rec-%02d.mp3", i), 2000, i);
      }
      // a little room is left: the journal opens, then fills up part-way through the run
      Files.write(disk.resolve("reserve"), new byte[256 * 1024]);
      fillTheDisk();
      Files.delete(disk.resolve("reserve"));

      Result r = cli("upload", "--wait-for-server=0", stick.toString());
      Matcher summary =
          Pattern.compile("(\\d+) uploaded or already there, (\\d+) failed").matcher(r.out());
      assertTrue(summary.find(), r.out() + r.err());
      int uploaded = Integer.parseInt(summary.group(1));
      int failed = Integer.parseInt(summary.group(2));
      long stored =
          S3TestSupport.keys(store).stream()
              .filter(k -> !k.startsWith(".sermon-uploader/"))
              .count();
      assertEquals(30, uploaded + failed, "every file given is counted once: " + r.out());
      assertEquals(stored, uploaded, "what is on the server is counted as uploaded: " + r.out());
      assertTrue(failed > 0, "the disk filled during the run: " + r.out());
      assertEquals(Cli.FAILED, r.code());
    } finally {
      store.stop();
    }
  }

  private static JobRecord queued(Path path, long size) {
    return new JobRecord(
        0,
        path,
        size,
        1,
        null,
        null,
        0,
        JobState.QUEUED,
        null,
        null,
        SermonDetails.NONE,
        Instant.now());
  }

  /** Writes a file until the disk refuses another byte. */
  private void fillTheDisk() throws IOException {
    byte[] block = new byte[4096];
    try (OutputStream out = Files.newOutputStream(disk.resolve("filler"))) {
      while (true) out.write(block);
    } catch (IOException full) {
      // the disk is full
    }
    try (OutputStream out = Files.newOutputStream(disk.resolve("filler-tail"))) {
      while (true) out.write(1);
    } catch (IOException full) {
      // not even a byte more
    }
  }

  private void freeTheDisk() throws IOException {
    Files.delete(disk.resolve("filler"));
    Files.delete(disk.resolve("filler-tail"));
  }

  private static List<String> damagedFiles(Path home) throws IOException {
    if (!Files.isDirectory(home)) return List.of();
    try (Stream<Path> files = Files.list(home)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.contains("damaged")).toList();
    }
  }

  private static String integrityCheck(Path journal) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + journal + "?mode=ro");
        ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private Result cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Cli.run(
            args,
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
