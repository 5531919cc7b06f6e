package org.sermonuploader.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.engine.S3TestSupport.MIB;

import io.minio.GetObjectArgs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.UploadEngine;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.engine.s3.S3Transfer;
import org.sermonuploader.journal.Journal;
import org.sermonuploader.memory.PressureGate;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.SermonDetails;

/**
 * "Already uploaded" told from the bucket alone: a second station (a new data folder, a reinstall)
 * uploading a recording that is there already, on S3Proxy, which keeps no object tags.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AlreadyUploadedFromBucketTest {
  @TempDir Path tmp;
  EmbeddedStore store;

  @BeforeEach
  void start() throws Exception {
    store = S3TestSupport.startStore(tmp.resolve("store"));
  }

  @AfterEach
  void stop() {
    store.stop();
  }

  /** Uploads {@code file} from a station whose data folder is {@code home}. */
  private JobSnapshot uploadFrom(String home, Path file) throws Exception {
    try (Journal journal = Journal.open(tmp.resolve(home));
        S3Transfer transfer = S3TestSupport.transfer(store);
        UploadEngine engine =
            new UploadEngine(
                S3TestSupport.options(), journal, transfer, PressureGate.NEVER_PRESSED)) {
      engine.start();
      long id = engine.add(file, SermonDetails.NONE).job().id();
      assertTrue(engine.awaitIdle(120, TimeUnit.SECONDS), "upload did not finish");
      return engine.job(id).orElseThrow();
    }
  }

  private String marker(String key) throws Exception {
    try (var in =
        S3TestSupport.client(store)
            .getObject(
                GetObjectArgs.builder()
                    .bucket(S3TestSupport.BUCKET)
                    .object(".sermon-uploader/sha256/" + key)
                    .build())) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  @Test
  void aSecondStationFindsAMultipartRecordingAlreadyThere() throws Exception {
    Path f = S3TestSupport.randomFile(tmp.resolve("files"), "Evening prayer.wav", 11 * MIB, 1);
    String sha = S3TestSupport.sha256(f);
    JobSnapshot first = uploadFrom("station-a", f);
    assertEquals(JobState.DONE, first.state(), first.message());

    JobSnapshot again = uploadFrom("station-b", f);
    assertEquals(JobState.ALREADY_UPLOADED, again.state(), again.message());
    assertEquals("Evening prayer.wav", again.key());
    assertEquals(
        Set.of("Evening prayer.wav", ".sermon-uploader/sha256/Evening prayer.wav"),
        S3TestSupport.keys(store),
        "no second copy");
    assertEquals(sha + "\n", marker("Evening prayer.wav"), "the marker holds the file's SHA-256");
    assertTrue(
        S3TestSupport.contentType(store, ".sermon-uploader/sha256/Evening prayer.wav")
            .startsWith("text/plain"));
    assertEquals(
        "audio/wav",
        S3TestSupport.contentType(store, "Evening prayer.wav"),
        "a multipart object gets the recording's content type");
  }

  @Test
  void aSecondStationFindsASinglePartRecordingAlreadyThere() throws Exception {
    Path f = S3TestSupport.randomFile(tmp.resolve("files"), "Psalm.mp3", 900_000, 2);
    assertEquals(JobState.DONE, uploadFrom("station-a", f).state());
    JobSnapshot again = uploadFrom("station-b", f);
    assertEquals(JobState.ALREADY_UPLOADED, again.state(), again.message());
    // a single PUT carries the SHA-256 in the object's own metadata: no marker object beside it
    assertEquals(Set.of("Psalm.mp3"), S3TestSupport.keys(store));
    assertEquals(
        S3TestSupport.sha256(f), S3TestSupport.userMetadata(store, "Psalm.mp3").get("sha256"));
    assertEquals("audio/mpeg", S3TestSupport.contentType(store, "Psalm.mp3"));
  }

  @Test
  void aMarkerOfAnObjectReplacedByAnotherToolDoesNotCount() throws Exception {
    Path f = S3TestSupport.randomFile(tmp.resolve("files"), "Matins.wav", 11 * MIB, 3);
    Path other = S3TestSupport.randomFile(tmp.resolve("other"), "Matins.wav", 11 * MIB, 4);
    assertEquals(JobState.DONE, uploadFrom("station-a", f).state());
    // someone replaces the recording in the bucket by hand, with one of the same size
    S3TestSupport.putObject(store, "Matins.wav", Files.readAllBytes(other));

    JobSnapshot again = uploadFrom("station-b", f);
    assertEquals(JobState.DONE, again.state(), again.message());
    assertEquals("Matins (2).wav", again.key(), "the old marker no longer speaks for Matins.wav");
    assertEquals(S3TestSupport.sha256(f), S3TestSupport.downloadSha256(store, "Matins (2).wav"));
    assertEquals(S3TestSupport.sha256(other), S3TestSupport.downloadSha256(store, "Matins.wav"));
  }
}
