package org.sermonuploader.engine;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.sermonuploader.model.JobState;

/**
 * What the engine asks of a job's file while it waits for it: is it there and readable, has it
 * stopped growing, is it still the file whose parts were read.
 */
final class FileWaits {
  /** A file modified this recently may still be being written (a recorder, a copy in progress). */
  static final long STILL_WRITTEN_MILLIS = 10_000;

  private static final long QUIET_MILLIS = 3_000;

  private final JobLedger ledger;
  private final RunControl control;

  FileWaits(JobLedger ledger, RunControl control) {
    this.ledger = ledger;
    this.control = control;
  }

  /** The file is there and its first byte can be read (a pulled device fails that). */
  static boolean readable(Path path) {
    if (!Files.isRegularFile(path)) return false;
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      ch.read(java.nio.ByteBuffer.allocate(1), 0);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Whether the file on disk is no longer the one whose parts were read. A file that is not there
   * did not change: it went away, which a pulled stick waits for rather than starting over.
   */
  static boolean changedSinceStart(UploadJob job) throws NoSuchFileException {
    try {
      return Files.size(job.path) != job.size
          || Files.getLastModifiedTime(job.path).toMillis() != job.mtime;
    } catch (NoSuchFileException e) {
      throw e;
    } catch (IOException e) {
      return true;
    }
  }

  /**
   * A send failed: throws the file's problem when the file, not the server, is to blame (it could
   * not be read, or it changed after its part was read); else the server's error. The file's
   * problem is not retried.
   */
  static UploadException blame(UploadJob job, FilePart part, UploadException send)
      throws IOException, RunEnd {
    if (part.readFailure() != null) throw part.readFailure();
    boolean changed = changedSinceStart(job);
    // same size and time, other bytes: only reading the part again tells
    if (!changed && send.isBytesRejected()) changed = !part.unchanged();
    if (changed) throw RunEnd.changed(RunEnd.CHANGED_WHILE_SENT);
    return send;
  }

  /** Waits until the file has stopped changing for a few seconds; returns its size and mtime. */
  long[] awaitSettled(UploadJob job, long size, long mtime)
      throws RunEnd, InterruptedException, UploadException {
    long quietSince = System.currentTimeMillis();
    boolean told = false;
    while (System.currentTimeMillis() - quietSince < QUIET_MILLIS) {
      RunControl.sleep(job, 500);
      control.checkStop(job);
      long s2;
      long m2;
      try {
        s2 = Files.size(job.path);
        m2 = Files.getLastModifiedTime(job.path).toMillis();
      } catch (IOException e) {
        // gone while settling: a pulled stick waits for its return like any other gone file
        throw RunEnd.fileGone("not found: " + job.path, e);
      }
      if (s2 != size || m2 != mtime) {
        size = s2;
        mtime = m2;
        quietSince = System.currentTimeMillis();
        if (!told) {
          told = true;
          ledger.show(
              job,
              JobState.WAITING_FOR_FILE,
              "the file is still being written; it is sent once it stops growing",
              null);
        }
      }
    }
    if (told) ledger.show(job, JobState.UPLOADING, null, null);
    return new long[] {size, mtime};
  }
}
