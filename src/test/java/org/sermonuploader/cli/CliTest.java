package org.sermonuploader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.s3.EmbeddedStore;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CliTest {
  @TempDir Path tmp;
  EmbeddedStore store;
  Map<String, String> env;

  record Result(int code, String out, String err) {}

  @BeforeEach
  void start() throws Exception {
    store = S3TestSupport.startStore(tmp.resolve("store"));
    env = S3TestSupport.putAppEnv(new HashMap<>(), tmp.resolve("home"), store.endpoint());
  }

  @AfterEach
  void stop() {
    store.stop();
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

  @Test
  void uploadingAFolderPrintsEachHashAndExitsZero() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("stick"));
    Path a = S3TestSupport.randomFile(dir, "2026-11-22 morning.wav", 12 * S3TestSupport.MIB, 1);
    Path b = S3TestSupport.randomFile(dir, "notes.mp3", 2000, 2);
    Files.writeString(dir.resolve("readme.txt"), "not a recording");
    Result r = cli("upload", "--prefix", "church/", "--part-size", "5MiB", dir.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains(S3TestSupport.sha256(a)), r.out());
    assertTrue(r.out().contains(S3TestSupport.sha256(b)), r.out());
    assertTrue(r.out().contains("2 uploaded or already there, 0 failed."), r.out());
    assertEquals(
        S3TestSupport.sha256(a),
        S3TestSupport.downloadSha256(store, "church/2026-11-22 morning.wav"));
    assertFalse(r.out().contains(S3TestSupport.SECRET) || r.err().contains(S3TestSupport.SECRET));

    Result again = cli("upload", "--prefix", "church/", "--part-size", "5MiB", a.toString());
    assertEquals(0, again.code(), again.out() + again.err());
    assertTrue(again.out().contains("already there"), again.out());

    Result status = cli("status");
    assertEquals(0, status.code());
    assertTrue(status.out().contains("2026-11-22 morning.wav"), status.out());
    assertTrue(status.out().contains("done"), status.out());
  }

  @Test
  void aKeyTemplateWithTheDateFilesRecordingsByYear() throws Exception {
    Path f = S3TestSupport.randomFile(tmp, "2025-03-09 Sunday.mp3", 1000, 3);
    Result r = cli("upload", "--key-template", "{yyyy}/{date} {filename}", f.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertEquals(
        S3TestSupport.sha256(f),
        S3TestSupport.downloadSha256(store, "2025/2025-03-09 2025-03-09 Sunday.mp3"));
  }

  @Test
  void wrongSecretIsAConfigurationErrorWithAPlainReasonAndNoSecretShown() throws Exception {
    env.put("MINIO_SECRET_KEY", "Wr0ng-S3cret-9f8e7d");
    Path f = S3TestSupport.randomFile(tmp, "a.mp3", 1000, 4);
    Result r = cli("upload", f.toString());
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("secret key"), r.err());
    assertFalse((r.out() + r.err()).contains("Wr0ng-S3cret-9f8e7d"));
  }

  @Test
  void missingBucketIsAConfigurationError() throws Exception {
    env.put("MINIO_BUCKET", "nope");
    Path f = S3TestSupport.randomFile(tmp, "a.mp3", 1000, 5);
    Result r = cli("upload", f.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("bucket 'nope' does not exist"), r.err());
    env.put("MINIO_BUCKET", "made-for-us");
    Result created = cli("upload", "--create-bucket", f.toString());
    assertEquals(0, created.code(), created.out() + created.err());
  }

  @Test
  void secretNeverComesAsAnArgumentAndMissingOneIsExplained() throws Exception {
    Path f = S3TestSupport.randomFile(tmp, "a.mp3", 1000, 6);
    Result bare = cli("upload", "--secret-key", "abc", f.toString());
    assertEquals(2, bare.code());
    assertTrue(bare.err().contains("Unknown option: '--secret-key'"), bare.err());

    env.remove("MINIO_SECRET_KEY");
    Result none = cli("upload", f.toString());
    assertEquals(2, none.code());
    assertTrue(none.err().contains("MINIO_SECRET_KEY"), none.err());

    Path secretFile = tmp.resolve("secret");
    Files.writeString(secretFile, S3TestSupport.SECRET + "\n");
    Result fromFile = cli("upload", "--secret-key-file", secretFile.toString(), f.toString());
    assertEquals(0, fromFile.code(), fromFile.out() + fromFile.err());
  }

  @Test
  void aFailedFileMakesTheExitCodeOneAndOthersStillUpload() throws Exception {
    Path good = S3TestSupport.randomFile(tmp, "good.mp3", 1000, 7);
    Path tooBig = S3TestSupport.randomFile(tmp, "big.wav", 5000, 8);
    env.put("MAX_UPLOAD_SIZE", "4000");
    Result r = cli("upload", good.toString(), tooBig.toString());
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("FAILED  big.wav: The file is larger than the limit"), r.out());
    assertEquals(S3TestSupport.sha256(good), S3TestSupport.downloadSha256(store, "good.mp3"));
  }

  @Test
  void anEmptyRecordingIsCountedAsFailedWithWhyAndExitsOne() throws Exception {
    Path good = S3TestSupport.randomFile(tmp, "good.mp3", 1000, 7);
    Path blank = Files.write(tmp.resolve("blank.wav"), new byte[0]);
    Files.setLastModifiedTime(
        blank, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
    Result r = cli("upload", good.toString(), blank.toString());
    assertEquals(1, r.code(), r.out() + r.err());
    assertFalse(r.out().contains("uploaded blank.wav"), r.out());
    assertTrue(
        r.out().contains("FAILED  blank.wav: Empty recording: 0 B, nothing was recorded."),
        r.out());
    assertTrue(r.out().contains("1 uploaded or already there, 1 failed."), r.out());
  }

  @Test
  void anAddressWithoutHttpGetsItAsInTheWindowAndTheLineSaysSo() throws Exception {
    String bare = store.endpoint().replaceFirst("^http://", "");
    env.put("MINIO_ENDPOINT", bare);
    Path f = S3TestSupport.randomFile(tmp, "a.mp3", 1000, 9);
    Result r = cli("upload", f.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(
        r.out()
            .contains(
                "MINIO_ENDPOINT "
                    + bare
                    + ": Added http:// in front. Use https:// if the server has a certificate."),
        r.out());
    assertEquals(S3TestSupport.sha256(f), S3TestSupport.downloadSha256(store, "a.mp3"));
  }

  @Test
  void aNamedFileThatIsNotARecordingExitsOneAndTheSummarySaysItWasSkipped() throws Exception {
    Path wav = S3TestSupport.randomFile(tmp, "2026-11-22 evening.wav", 2000, 3);
    Path notes = Files.writeString(tmp.resolve("notes.txt"), "hymn numbers");
    Result r = cli("upload", wav.toString(), notes.toString());
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("1 uploaded or already there, 0 failed, 1 skipped."), r.out());
  }

  @Test
  void usageErrorsExitTwo() {
    assertEquals(2, cli("upload").code());
    assertEquals(2, cli("upload", "--part-size", "1MiB", "x.mp3").code());
    Result badSize = cli("upload", "--part-size", "lots", tmp.toString());
    assertEquals(2, badSize.code());
    Result notMedia = cli("upload", tmp.resolve("nothing-here.txt").toString());
    assertEquals(2, notMedia.code());
    assertTrue(notMedia.err().contains("no audio or video files"), notMedia.err());
    Result version = cli("--version");
    assertEquals(0, version.code());
    assertTrue(version.out().startsWith("Sermon Uploader"));
  }

  @Test
  void aBadBandwidthLimitExitsTwoWithTheReason() throws Exception {
    Path f = S3TestSupport.randomFile(tmp, "a.mp3", 1000, 3);
    Result badOption = cli("upload", "--bwlimit", "Sonntag-08:00,512K", f.toString());
    assertEquals(2, badOption.code());
    assertTrue(badOption.err().contains("'Sonntag' is not a day"), badOption.err());
    assertEquals(2, cli("resume", "--bwlimit", "fast").code());
    env.put("BANDWIDTH_LIMIT", "25:00,1M");
    Result badSetting = cli("upload", f.toString());
    assertEquals(2, badSetting.code());
    assertTrue(
        badSetting.err().contains("BANDWIDTH_LIMIT: '25:00,1M' has no such time of day"),
        badSetting.err());
  }

  @Test
  void aLimitedUploadStoresTheSameBytes() throws Exception {
    Path f = S3TestSupport.randomFile(tmp, "limited.wav", 6 * S3TestSupport.MIB, 4);
    Result r = cli("upload", "--bwlimit", "Mon-00:00,8M 12:00,4M:off", f.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(S3TestSupport.sha256(f), S3TestSupport.downloadSha256(store, "limited.wav"));
  }
}
