package org.sermonuploader.engine;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a recording counts as ended, on a clock the test moves. */
class RecordingEndTest {
  @TempDir Path tmp;

  @Test
  void endsTwoSecondsAfterTheWriterClosedIt() {
    AtomicLong now = new AtomicLong(100_000);
    AtomicBoolean writing = new AtomicBoolean(true);
    RecordingEnd end = new RecordingEnd(tmp, 30_000, now::get, p -> writing.get());
    assertFalse(end.ended(10, now.get()));
    now.addAndGet(5_000);
    assertFalse(end.ended(10, 100_000), "the writer still holds it: a pause, not the end");
    writing.set(false);
    assertFalse(end.ended(20, now.get()), "the close wrote the header: it changed just now");
    now.addAndGet(1_000);
    assertFalse(end.ended(20, 105_000));
    now.addAndGet(1_000);
    assertTrue(end.ended(20, 105_000), "closed, and the size held for 2 s");
  }

  @Test
  void withoutAWriterSeenItEndsAfterTheQuietTime() {
    AtomicLong now = new AtomicLong(100_000);
    RecordingEnd end = new RecordingEnd(tmp, 30_000, now::get, p -> false);
    assertFalse(end.ended(10, now.get()));
    now.addAndGet(29_000);
    assertFalse(end.ended(10, 100_000));
    now.addAndGet(1_000);
    assertTrue(end.ended(10, 100_000));
  }

  @Test
  void aHungWriterEndsAfterTheQuietTime() {
    AtomicLong now = new AtomicLong(100_000);
    RecordingEnd end = new RecordingEnd(tmp, 10_000, now::get, p -> true);
    assertFalse(end.ended(10, now.get()));
    now.addAndGet(10_000);
    assertTrue(end.ended(10, 100_000), "open for writing but no longer growing");
  }

  @Test
  @SuppressWarnings("try") // the channels are held open for the scan to find
  void aWriterIsSeenInProcOnlyWhileItHoldsTheFileForWriting() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fdinfo")), "Linux only");
    Path f = Files.createFile(tmp.resolve("rec.wav"));
    assertFalse(OpenWriters.heldForWriting(f));
    try (FileChannel read = FileChannel.open(f, StandardOpenOption.READ)) {
      assertFalse(OpenWriters.heldForWriting(f), "a reader is not a writer");
      try (FileChannel write = FileChannel.open(f, StandardOpenOption.WRITE)) {
        assertTrue(OpenWriters.heldForWriting(f));
      }
      assertFalse(OpenWriters.heldForWriting(f), "closed");
    }
  }

  /**
   * One look at /proc answers for a while for files that had not changed: a recorder that opens an
   * old file is seen within that while, and one that closed it is never reported from an old look.
   */
  @Test
  @SuppressWarnings("try") // the channel is held open for the scan to find
  void aWriterOfAnOldFileIsSeenSoonAndNotAfterItClosed() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fdinfo")), "Linux only");
    Path f = Files.createFile(tmp.resolve("old.wav"));
    Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
    assertFalse(OpenWriters.heldForWriting(f));
    try (FileChannel write = FileChannel.open(f, StandardOpenOption.WRITE)) {
      await()
          .atMost(Duration.ofMillis(OpenWriters.REUSE_MILLIS + 1_000))
          .until(() -> OpenWriters.heldForWriting(f));
    }
    assertFalse(OpenWriters.heldForWriting(f), "closed");
  }
}
