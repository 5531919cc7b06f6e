package org.sermonuploader.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * One part's bytes, held in fixed 256 KiB chunks that are allocated once and reused for every part,
 * so the heap holds exactly parts-in-flight of these whatever the file size. Bytes are read from
 * the file straight into the chunks and hashed there: nothing is copied twice.
 */
public final class PartBuffer {
  // below half a G1 region (1 MiB on small heaps): a 1 MiB array would be "humongous" and take two
  static final int CHUNK = 256 << 10;

  private final List<byte[]> chunks = new ArrayList<>();
  private final long capacity;
  private long length;
  private volatile java.util.function.LongConsumer readListener = n -> {};

  public PartBuffer(long capacity) {
    this.capacity = capacity;
  }

  public long capacity() {
    return capacity;
  }

  public long length() {
    return length;
  }

  /**
   * Fills the buffer with {@code count} bytes from {@code channel} at {@code position}, feeding
   * every byte to each digest. Throws if the file ends early (it shrank).
   */
  public void fill(FileChannel channel, long position, long count, MessageDigest... digests)
      throws IOException {
    if (count > capacity) throw new IllegalArgumentException("part larger than its buffer");
    length = 0;
    while (length < count) {
      int index = (int) (length / CHUNK);
      while (chunks.size() <= index) chunks.add(new byte[CHUNK]);
      byte[] chunk = chunks.get(index);
      int offset = (int) (length % CHUNK);
      int want = (int) Math.min(CHUNK - offset, count - length);
      int n = channel.read(ByteBuffer.wrap(chunk, offset, want), position + length);
      if (n < 0) {
        throw new java.io.EOFException("file ended at " + (position + length) + " bytes");
      }
      for (MessageDigest d : digests) d.update(chunk, offset, n);
      length += n;
    }
  }

  /** Told how many bytes each read of {@link #openStream()} hands out: the send progress. */
  public void onRead(java.util.function.LongConsumer listener) {
    this.readListener = listener == null ? n -> {} : listener;
  }

  /**
   * Feeds {@code count} bytes from {@code from} to the digest without counting them as sent, for a
   * checksum a request must carry in its headers before its body.
   */
  public void digest(MessageDigest digest, long from, long count) {
    if (from < 0 || count < 0 || from + count > length) throw new IndexOutOfBoundsException();
    long pos = from;
    long end = from + count;
    while (pos < end) {
      int offset = (int) (pos % CHUNK);
      int n = (int) Math.min(CHUNK - offset, end - pos);
      digest.update(chunks.get((int) (pos / CHUNK)), offset, n);
      pos += n;
    }
  }

  /** A fresh stream over the bytes; it can be opened again for a retry. */
  public InputStream openStream() {
    return new InputStream() {
      private long pos;

      @Override
      public int read() {
        if (pos >= length) return -1;
        byte b = chunks.get((int) (pos / CHUNK))[(int) (pos % CHUNK)];
        pos++;
        readListener.accept(1);
        return b & 0xff;
      }

      @Override
      public int read(byte[] dst, int off, int len) {
        if (pos >= length) return -1;
        int offset = (int) (pos % CHUNK);
        int n = (int) Math.min(Math.min(len, CHUNK - offset), length - pos);
        System.arraycopy(chunks.get((int) (pos / CHUNK)), offset, dst, off, n);
        pos += n;
        readListener.accept(n);
        return n;
      }

      @Override
      public int available() {
        return (int) Math.min(Integer.MAX_VALUE, length - pos);
      }
    };
  }
}
