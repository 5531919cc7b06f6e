package org.sermonuploader.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.engine.S3TestSupport.MIB;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.engine.CountingTransfer;
import org.sermonuploader.engine.MediaFiles;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.UploadEngine;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.journal.Journal;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;

/** Files that are odd, unreadable or changing: each gets a clear outcome, and other jobs go on. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BadInputTest {
  @TempDir Path tmp;
  EmbeddedStore store;
  Journal journal;
  CountingTransfer transfer;
  UploadEngine engine;
  final List<JobSnapshot> seen = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    store = S3TestSupport.startStore(tmp.resolve("store"));
    journal = Journal.open(tmp.resolve("data"));
    transfer = new CountingTransfer(S3TestSupport.transfer(store));
    engine = new UploadEngine(S3TestSupport.options(), journal, transfer, null);
    engine.addListener(seen::add);
    engine.start();
  }

  @AfterEach
  void stop() {
    engine.close();
    transfer.close();
    journal.close();
    store.stop();
  }

  private JobSnapshot job(long id) {
    return engine.job(id).orElseThrow();
  }

  @Test
  void aFolderWithASymlinkLoopYieldsItsRecordingsAndNamesTheLoop() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("stick/DCIM"));
    S3TestSupport.randomFile(dir, "a.wav", 100, 1);
    Files.createSymbolicLink(dir.resolve("loop"), dir.getParent());
    MediaFiles.Expansion e = MediaFiles.expand(List.of(tmp.resolve("stick")));
    assertEquals(List.of(dir.resolve("a.wav")), e.files());
    assertTrue(
        e.skipped().stream().anyMatch(s -> s.reason().contains("loops back")),
        e.skipped().toString());
  }

  @Test
  void oddNamesWithQuotesAndVeryLongNamesUpload() throws Exception {
    Path quotes =
        S3TestSupport.randomFile(tmp, "Pastor's \"Advent\" talk; part #1 & 2.mp3", 2000, 2);
    String longName =
        "Sermon "
            + "very-long-title-".repeat(14)
            + ".wav"; // about 240 bytes, near the file system's limit
    Path longFile = S3TestSupport.randomFile(tmp, longName, 3000, 3);
    long a = engine.add(quotes, null).job().id();
    long b = engine.add(longFile, null).job().id();
    assertTrue(engine.awaitIdle(60, TimeUnit.SECONDS));
    assertEquals(JobState.DONE, job(a).state(), job(a).message());
    assertEquals(JobState.DONE, job(b).state(), job(b).message());
    assertEquals(S3TestSupport.sha256(quotes), S3TestSupport.downloadSha256(store, job(a).key()));
    String key = job(b).key();
    assertTrue(
        key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 200 && key.endsWith(".wav"),
        key);
    assertTrue(
        longName.startsWith(key.substring(0, key.length() - 4)),
        "the key is the name, shortened: " + key);
    assertEquals(S3TestSupport.sha256(longFile), S3TestSupport.downloadSha256(store, key));
  }

  @Test
  void somethingThatIsNotAFileGetsAReasonAndTheNextFileStillUploads() throws Exception {
    Path dirNamedLikeAudio = Files.createDirectories(tmp.resolve("folder.wav"));
    Path good = S3TestSupport.randomFile(tmp, "good.mp3", 1000, 4);
    long bad = engine.add(dirNamedLikeAudio, null).job().id();
    long ok = engine.add(good, null).job().id();
    assertTrue(engine.awaitIdle(60, TimeUnit.SECONDS));
    assertEquals(JobState.FAILED, job(bad).state());
    assertEquals("This is not a file.", job(bad).message());
    assertEquals(JobState.DONE, job(ok).state());
  }

  /** A WAV header as a recorder writes it first, with its size fields still 0, then the samples. */
  private Path wav(String name, int samples) throws Exception {
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.allocate(44 + samples).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(0);
    b.put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16);
    b.putShort((short) 1).putShort((short) 2).putInt(48_000).putInt(192_000);
    b.putShort((short) 4).putShort((short) 16);
    b.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(0);
    for (int i = 0; i < samples; i++) b.put((byte) (i * 31));
    Path f = Files.write(tmp.resolve(name), b.array());
    Files.setLastModifiedTime(
        f, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
    return f;
  }

  @Test
  void anEmptyRecordingFailsWithWhyAndNothingIsStored() throws Exception {
    Path nothing = Files.write(tmp.resolve("empty.wav"), new byte[0]);
    Files.setLastModifiedTime(
        nothing,
        java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
    Path headerOnly = wav("header-only.wav", 0);
    Path emptyMp3 = Files.write(tmp.resolve("blank.mp3"), new byte[0]);
    Files.setLastModifiedTime(
        emptyMp3,
        java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
    // a recorder that crashed leaves the size fields at 0 though the samples are there
    Path crashed = wav("crashed.wav", 3000);
    long a = engine.add(nothing, null).job().id();
    long b = engine.add(headerOnly, null).job().id();
    long c = engine.add(emptyMp3, null).job().id();
    long d = engine.add(crashed, null).job().id();
    assertTrue(engine.awaitIdle(60, TimeUnit.SECONDS));
    assertEquals(JobState.FAILED, job(a).state());
    assertEquals("Empty recording: 0 B, nothing was recorded.", job(a).message());
    assertEquals(JobState.FAILED, job(b).state());
    assertEquals("Empty recording: 44 B, nothing was recorded.", job(b).message());
    assertEquals(JobState.FAILED, job(c).state());
    assertEquals("Empty recording: 0 B, nothing was recorded.", job(c).message());
    assertEquals(JobState.DONE, job(d).state(), job(d).message());
    assertEquals(S3TestSupport.sha256(crashed), S3TestSupport.downloadSha256(store, "crashed.wav"));
    assertEquals(1, transfer.wholeSent(), "nothing but crashed.wav reached the server");
  }

  @Test
  void aFileWithoutReadPermissionFailsWithThatReason() throws Exception {
    Path f = S3TestSupport.randomFile(tmp, "locked.mp3", 1000, 5);
    Files.setPosixFilePermissions(f, java.util.Set.of());
    Assumptions.assumeFalse(Files.isReadable(f), "running as root: every file is readable");
    long id = engine.add(f, null).job().id();
    assertTrue(engine.awaitIdle(30, TimeUnit.SECONDS));
    assertEquals("The file can't be read (no permission).", job(id).message());
  }

  @Test
  void aFileTruncatedDuringUploadStartsOverAndNothingShortPosesAsComplete() throws Exception {
    Path f = S3TestSupport.randomFile(tmp, "cut short.wav", 25 * MIB, 6);
    transfer.holdAfter(1);
    long id = engine.add(f, null).job().id();
    assertTrue(transfer.awaitPartsSent(1, 30, TimeUnit.SECONDS));
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
      raf.setLength(12 * MIB);
    }
    Files.setLastModifiedTime(
        f, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    transfer.release();
    assertTrue(engine.awaitIdle(60, TimeUnit.SECONDS));
    JobSnapshot s = job(id);
    assertEquals(JobState.DONE, s.state(), s.message());
    assertTrue(
        seen.stream()
            .anyMatch(
                x ->
                    x.message() != null
                        && (x.message().contains("got shorter")
                            || x.message().contains("changed"))),
        "the row said why it started over");
    assertEquals(
        S3TestSupport.sha256(f),
        S3TestSupport.downloadSha256(store, "cut short.wav"),
        "what is stored is the file as it is now, not a mix");
  }

  @Test
  void aFileStillGrowingWhenQueuedWaitsUntilItStops() throws Exception {
    Path f = tmp.resolve("live recording.wav");
    Files.write(f, new byte[1024 * 1024]);
    Thread writer =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < 6; i++) {
                  Thread.sleep(400);
                  Files.write(f, new byte[512 * 1024], java.nio.file.StandardOpenOption.APPEND);
                }
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    writer.start();
    long id = engine.add(f, null).job().id();
    writer.join();
    assertTrue(engine.awaitIdle(60, TimeUnit.SECONDS));
    JobSnapshot s = job(id);
    assertEquals(JobState.DONE, s.state(), s.message());
    assertEquals(4 * MIB, s.size(), "the whole recording, not the part written when it was queued");
    assertTrue(
        seen.stream()
            .anyMatch(
                x ->
                    x.state() == JobState.WAITING_FOR_FILE
                        && x.message().contains("still being written")),
        "the row said it waits for the file");
    assertEquals(
        S3TestSupport.sha256(f), S3TestSupport.downloadSha256(store, "live recording.wav"));
  }
}
