package org.sermonuploader.engine;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.bandwidth.SendThrottle;

/**
 * One part of a file on its way to the server. It is read once to checksum it (the checksum goes in
 * the request headers, before the body), and read again from the file while it is sent. The second
 * read comes from the page cache, and no part is ever held in the heap, so memory stays the same
 * whatever the part size and the number of parts in flight.
 */
public final class FilePart {
  /** Read size for checksumming; one scratch array of this size serves every part of a run. */
  public static final int SCRATCH = 256 << 10;

  private static final int SEND_BUFFER = 64 << 10;

  private final FileChannel channel;
  private final long position;
  private final long length;
  private final String crc32c;
  private volatile LongConsumer readListener = n -> {};
  private volatile @Nullable SendThrottle throttle;
  private volatile BooleanSupplier stop = () -> false;
  private volatile @Nullable IOException readFailure;

  private FilePart(FileChannel channel, long position, long length, String crc32c) {
    this.channel = channel;
    this.position = position;
    this.length = length;
    this.crc32c = crc32c;
  }

  /**
   * Reads {@code count} bytes at {@code position} through {@code scratch}, computing the part's
   * CRC32C and feeding every byte to {@code fileDigest} (when not null), and returns the part.
   * Throws {@link EOFException} if the file ends early (it shrank).
   */
  public static FilePart read(
      FileChannel channel,
      long position,
      long count,
      byte[] scratch,
      @Nullable MessageDigest fileDigest)
      throws IOException {
    CRC32C crc = new CRC32C();
    long done = 0;
    while (done < count) {
      int want = (int) Math.min(scratch.length, count - done);
      int n = channel.read(ByteBuffer.wrap(scratch, 0, want), position + done);
      if (n < 0) throw new EOFException("file ended at " + (position + done) + " bytes");
      crc.update(scratch, 0, n);
      if (fileDigest != null) fileDigest.update(scratch, 0, n);
      done += n;
    }
    return new FilePart(channel, position, count, base64(crc));
  }

  /**
   * The part's CRC32C, Base64 of its four bytes (as x-amz-checksum-crc32c carries it). Cheap enough
   * to compute in the same pass as the file's SHA-256, and what the server checks each part with.
   */
  public String crc32c() {
    return crc32c;
  }

  /** A fresh SHA-256 digest; every Java runtime has one. */
  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String base64(CRC32C crc) {
    return Base64.getEncoder()
        .encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  public long length() {
    return length;
  }

  /** Told how many bytes each read of {@link #openStream()} hands out: the send progress. */
  public void onRead(@Nullable LongConsumer listener) {
    this.readListener = listener == null ? n -> {} : listener;
  }

  /**
   * Sends through {@code throttle}: every stream of this part hands out bytes only as fast as the
   * bandwidth limit allows. Throttling the read that feeds the request body keeps the socket
   * written continuously in small pieces, so no write or idle timeout fires at a low rate.
   */
  public void sendThrough(SendThrottle throttle) {
    this.throttle = throttle;
  }

  /**
   * Cuts every stream of this part short once {@code stop} says so: the next read fails, so the
   * request carrying the part ends within a read (a tenth of a second under a bandwidth limit)
   * instead of running to its end. The server never confirms a part cut half-way.
   */
  public void stopWhen(BooleanSupplier stop) {
    this.stop = stop == null ? () -> false : stop;
  }

  /** Whether a pause, cancel or close asked for the part's sending to end. */
  public boolean stopped() {
    return stop.getAsBoolean();
  }

  /**
   * Why the last stream could not read the file (a pulled USB stick), or null. A send that fails
   * for this reason is the file's problem, not the server's.
   */
  public @Nullable IOException readFailure() {
    return readFailure;
  }

  /**
   * Feeds {@code count} bytes from {@code from} (relative to the part) to the digest without
   * counting them as sent, for a checksum a request must carry in its headers before its body.
   */
  public void digest(MessageDigest digest, long from, long count) throws IOException {
    if (from < 0 || count < 0 || from + count > length) throw new IndexOutOfBoundsException();
    scan(from, count, (bytes, n) -> digest.update(bytes, 0, n));
  }

  /** Whether the part's bytes in the file are still the ones checksummed: reads the part again. */
  public boolean unchanged() throws IOException {
    CRC32C crc = new CRC32C();
    scan(0, length, (bytes, n) -> crc.update(bytes, 0, n));
    return base64(crc).equals(crc32c);
  }

  private interface Chunks {
    void take(byte[] bytes, int n);
  }

  /**
   * Reads {@code count} bytes of the part from {@code from}, handing them out a buffer at a time.
   */
  private void scan(long from, long count, Chunks chunks) throws IOException {
    byte[] scratch = new byte[(int) Math.min(SEND_BUFFER, Math.max(1, count))];
    for (long done = 0; done < count; ) {
      int n = readAt(scratch, 0, (int) Math.min(scratch.length, count - done), from + done);
      chunks.take(scratch, n);
      done += n;
    }
  }

  private int readAt(byte[] dst, int off, int len, long partOffset) throws IOException {
    try {
      int n = channel.read(ByteBuffer.wrap(dst, off, len), position + partOffset);
      if (n < 0) throw new EOFException("file ended at " + (position + partOffset) + " bytes");
      return n;
    } catch (IOException e) {
      readFailure = e;
      throw e;
    }
  }

  /**
   * A fresh stream over the part's bytes, read from the file; it can be opened again for a retry.
   */
  public InputStream openStream() {
    return openStream(0);
  }

  /**
   * The same from {@code from} bytes into the part on; the bytes before it are neither read nor
   * counted as sent (a server that holds them already).
   */
  public InputStream openStream(long from) {
    if (from < 0 || from > length) throw new IndexOutOfBoundsException();
    readFailure = null;
    return new InputStream() {
      private final byte[] buffer =
          new byte[(int) Math.min(SEND_BUFFER, Math.max(1, length - from))];
      private int bufferStart;
      private int bufferEnd;
      private long filled = from; // part bytes read into the buffer so far, or stepped over

      private boolean fill() throws IOException {
        if (bufferStart < bufferEnd) return true;
        if (filled >= length) return false;
        bufferEnd = readAt(buffer, 0, (int) Math.min(buffer.length, length - filled), filled);
        bufferStart = 0;
        filled += bufferEnd;
        return true;
      }

      @Override
      public int read() throws IOException {
        if (!fill()) return -1;
        allow(1);
        readListener.accept(1);
        return buffer[bufferStart++] & 0xff;
      }

      @Override
      public int read(byte[] dst, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (!fill()) return -1;
        int n = allow(Math.min(len, bufferEnd - bufferStart));
        System.arraycopy(buffer, bufferStart, dst, off, n);
        bufferStart += n;
        readListener.accept(n);
        return n;
      }

      private int allow(int n) throws IOException {
        if (stopped()) throw new InterruptedIOException("the part was stopped");
        SendThrottle t = throttle;
        return t == null ? n : t.take(n);
      }

      @Override
      public int available() {
        return (int) Math.min(Integer.MAX_VALUE, length - filled + bufferEnd - bufferStart);
      }
    };
  }
}
