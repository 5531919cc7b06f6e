package org.sermonuploader.library;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.engine.RemoteObject;
import org.sermonuploader.engine.Transfer;
import org.sermonuploader.engine.UploadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a stored object back through a small fixed buffer, whatever its size. A connection that
 * breaks is opened again at the byte where it stopped, for the same version of the object only.
 */
public final class RemoteHash {
  private static final Logger log = LoggerFactory.getLogger(RemoteHash.class);
  static final int BUFFER = 64 * 1024;
  static final int TRIES = 6;

  private RemoteHash() {}

  /** The SHA-256 (lowercase hex) of what the server holds for {@code object}. */
  public static String of(Transfer transfer, RemoteObject object, LongConsumer progress)
      throws UploadException, InterruptedException {
    MessageDigest digest = sha256();
    copy(transfer, object, 0, digest, null, progress);
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * Reads the object from {@code offset} to its end into {@code digest} and, when non-null, {@code
   * sink}; {@code progress} gets the position reached.
   */
  static void copy(
      Transfer transfer,
      RemoteObject object,
      long offset,
      MessageDigest digest,
      @Nullable OutputStream sink,
      LongConsumer progress)
      throws UploadException, InterruptedException {
    long pos = offset;
    byte[] buffer = new byte[BUFFER];
    int failures = 0;
    while (pos < object.size()) {
      try (InputStream in = transfer.read(object.key(), pos, object.version())) {
        int n;
        while ((n = in.read(buffer)) > 0) {
          if (sink != null) write(sink, buffer, n);
          digest.update(buffer, 0, n);
          pos += n;
          failures = 0;
          progress.accept(pos);
        }
        if (pos < object.size()) throw new IOException("the server stopped sending early");
      } catch (IOException | UploadException e) {
        if (e instanceof UploadException u && u.kind() != UploadException.Kind.RETRYABLE) {
          throw u;
        }
        if (Thread.currentThread().isInterrupted()) throw new InterruptedException();
        if (++failures >= TRIES) {
          throw UploadException.retryable(
              "The connection to the server broke too often while reading " + object.key() + ".",
              "ReadBroken",
              e);
        }
        log.info("Reading {} broke at byte {} ({}); trying again", object.key(), pos, e.toString());
        Thread.sleep(Math.min(16_000L, 500L << failures));
      }
    }
  }

  private static void write(OutputStream sink, byte[] buffer, int n) throws UploadException {
    try {
      sink.write(buffer, 0, n);
    } catch (IOException e) {
      throw UploadException.fatal("The copy can't be written: " + e.getMessage(), "LocalWrite", e);
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
