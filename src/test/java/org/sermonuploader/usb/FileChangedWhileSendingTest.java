package org.sermonuploader.usb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.Await;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.model.JobState;

/**
 * Parts are hashed when they are read and read from the file again while they are sent. A file that
 * changes in between must never end up on the server as a mix of old and new bytes, and must not be
 * retried for ever either: the upload starts over with the file as it is now.
 */
@Timeout(90)
class FileChangedWhileSendingTest {
  private static final long SIZE = 30L << 20; // six 5 MiB parts

  @TempDir Path dir;
  private Rig rig;
  private Path file;

  @BeforeEach
  void setUp() throws Exception {
    rig = Rig.open(dir.resolve("data"));
    file = dir.resolve("REC/2024-05-05 sermon.wav");
    S3TestSupport.randomFile(file, SIZE, 1);
  }

  @AfterEach
  void tearDown() {
    rig.close();
  }

  /**
   * Starts the upload and holds it once parts 3 and 4 have been hashed and are about to be sent.
   */
  private long uploadAndHold() throws Exception {
    rig.transfer.holdAfter(2);
    rig.engine.start();
    long id = rig.engine.add(file, null).job().id();
    assertTrue(rig.transfer.awaitHeld(30, TimeUnit.SECONDS), "the third part never started");
    return id;
  }

  @Test
  void fileCutShortWhileItsPartsAreSentStartsOver() throws Exception {
    long id = uploadAndHold();
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(12L << 20); // the held parts now run past the end of the file
    }
    String sha = S3TestSupport.sha256(file);
    rig.transfer.release();
    Await.until("the upload finishes", () -> rig.job(id).state().finished());

    assertEquals(JobState.DONE, rig.job(id).state(), String.valueOf(rig.job(id).message()));
    assertTrue(
        rig.events.stream()
            .anyMatch(
                s ->
                    s.id() == id
                        && "The file got shorter while it was uploaded.".equals(s.message())),
        "the row said why it started over");
    assertEquals(
        sha,
        S3TestSupport.sha256(rig.stored(rig.job(id).key())),
        "the server has the file as it is now");
  }

  @Test
  void otherBytesUnderTheSameSizeAndTimeAreRefusedByTheServerAndTheFileStartsOver()
      throws Exception {
    FileTime mtime = Files.getLastModifiedTime(file);
    long id = uploadAndHold();
    // rewrite part 3 in place and put the time back: only the part's hash can tell
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(2 * Rig.PART + 1000);
      raf.write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    }
    Files.setLastModifiedTime(file, mtime);
    String sha = S3TestSupport.sha256(file);
    rig.transfer.release();
    Await.until("the upload finishes", () -> rig.job(id).state().finished());

    assertEquals(JobState.DONE, rig.job(id).state(), String.valueOf(rig.job(id).message()));
    assertTrue(
        rig.events.stream()
            .anyMatch(
                s ->
                    s.id() == id
                        && s.message() != null
                        && s.message().startsWith("The file changed")),
        "the row said why it started over");
    assertEquals(
        sha,
        S3TestSupport.sha256(rig.stored(rig.job(id).key())),
        "the server has the file as it is now");
    assertEquals(sha, rig.job(id).sha256(), "the recorded hash is the stored file's");
  }
}
