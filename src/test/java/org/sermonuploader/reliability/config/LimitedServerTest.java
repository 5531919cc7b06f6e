package org.sermonuploader.reliability.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.reliability.config.CliRunner.assertNoStackTrace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.s3.EmbeddedStore;

/**
 * What this server or this computer cannot do, said at the start instead of found out mid-upload or
 * never: an S3 server without multipart resume, a memory floor above what the computer has.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LimitedServerTest {
  @TempDir Path tmp;
  Path file;

  @BeforeEach
  void recording() throws Exception {
    // two parts of 5 MiB: an upload that could be resumed, so what resuming needs is checked
    file = S3TestSupport.randomFile(tmp, "2026-03-08 morning.mp3", 6 << 20, 11);
  }

  private CliRunner cli(NoResumeServer s3) {
    CliRunner cli = new CliRunner(tmp.resolve("home"), s3.endpoint());
    cli.env.put("PART_SIZE", "5MiB");
    return cli;
  }

  @Test
  void aServerThatCannotListOrAbortUploadsIsNamedAndGetsNoTestUpload() throws Exception {
    try (NoResumeServer s3 = new NoResumeServer(false)) {
      CliRunner.Result r = cli(s3).run("upload", file.toString());

      assertEquals(2, r.code(), r.all());
      assertEquals(
          "Error: The server at "
              + s3.endpoint()
              + " can't resume uploads: it does not list unfinished uploads (NotImplemented)."
              + " Sermon Uploader needs multipart resume, which MinIO, AWS S3 and most S3 servers"
              + " have.\n",
          r.err());
      assertFalse(r.all().contains("Uploading is not allowed"), r.all());
      assertEquals(0, s3.started.get(), "no test upload was started, so none is left behind");
      assertNoStackTrace(r);
    }
  }

  @Test
  void aRecordingThatGoesInOneRequestGetsNoTestUploadOfResuming() throws Exception {
    Path small = S3TestSupport.randomFile(tmp, "2026-03-08 notice.mp3", 3000, 12);
    // recorded an hour ago: a file written moments ago may still grow past one part
    Files.setLastModifiedTime(small, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
    // recorded an hour ago: a file written moments ago may still grow past one part
    Files.setLastModifiedTime(small, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
    try (NoResumeServer s3 = new NoResumeServer(true)) {
      CliRunner.Result r = cli(s3).run("upload", small.toString());

      // this server takes no uploads at all; the upload's own request is what says so
      assertEquals(1, r.code(), r.all());
      assertFalse(r.all().contains("can't resume uploads"), r.all());
      assertEquals(0, s3.started.get(), "no test upload was started");
      assertNoStackTrace(r);
    }
  }

  @Test
  void aServerThatCannotListPartsIsNamedAndItsTestUploadRemoved() throws Exception {
    try (NoResumeServer s3 = new NoResumeServer(true)) {
      CliRunner.Result r = cli(s3).run("upload", file.toString());

      assertEquals(2, r.code(), r.all());
      assertTrue(
          r.err()
              .contains(
                  "can't resume uploads: it does not list the parts of an unfinished upload"
                      + " (MethodNotAllowed)."),
          r.err());
      assertEquals(1, s3.started.get());
      assertEquals(1, s3.aborted.get(), "the test upload was removed");
      assertNoStackTrace(r);
    }
  }

  @Test
  void aMemoryFloorAboveThisComputersMemoryIsRefusedInsteadOfPausingForEver() throws Exception {
    EmbeddedStore store = S3TestSupport.startStore(tmp.resolve("store"));
    try {
      CliRunner c = new CliRunner(tmp.resolve("home"), store.endpoint());
      c.env.put("MEMORY_MIN_AVAILABLE_MB", "100000000"); // 100 TB
      CliRunner.Result r =
          assertTimeoutPreemptively(
              Duration.ofSeconds(30),
              () -> c.run("upload", file.toString()),
              "refused, not paused");

      assertEquals(2, r.code(), r.all());
      assertTrue(
          r.err().startsWith("Error: MEMORY_MIN_AVAILABLE_MB: 100000000 MB can't work here"),
          r.err());
      assertTrue(r.err().contains("Use at most "), r.err());
      assertNoStackTrace(r);
    } finally {
      store.stop();
    }
  }
}
