package org.sermonuploader.engine.tus;

import java.io.IOException;
import java.io.InputStream;
import org.sermonuploader.engine.FilePart;

/**
 * The file as tus-java-client sees it: a stream positioned at a file offset, of which only the
 * current part's bytes (the engine's {@link FilePart}) can be read. It ends at the part's end, so
 * the uploader stops there; the next part is put in the window and reading continues. Marking is
 * declared free, so the library does not wrap it in a BufferedInputStream that would copy up to a
 * whole request payload.
 */
final class PartWindowStream extends InputStream {
  private long position;
  private long start = -1;
  private long end = -1;
  private FilePart data;
  private InputStream in;
  private IOException failure;
  private volatile long lastRead = System.nanoTime();

  /** Shows {@code data}, which holds the file's bytes from {@code start} on. */
  void window(long start, FilePart data) {
    this.start = start;
    this.end = start + data.length();
    this.data = data;
    this.in = null;
    this.failure = null;
  }

  /** Makes the next read fail: the bytes a request was about to carry could not be read. */
  void fail(IOException e) {
    failure = e;
  }

  void clear() {
    data = null;
    in = null;
    start = end = -1;
  }

  /**
   * Hashes {@code count} bytes of the window from file offset {@code from}, not counted as sent.
   */
  void digest(java.security.MessageDigest digest, long from, long count) throws IOException {
    data.digest(digest, from - start, count);
  }

  long windowEnd() {
    return end;
  }

  boolean hasWindow() {
    return data != null;
  }

  long position() {
    return position;
  }

  long lastReadNanos() {
    return lastRead;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) return 0;
    if (failure != null) throw failure;
    if (data == null || position >= end) return -1;
    if (position < start) throw new IOException("the server is behind the part being sent");
    if (in == null) {
      in = data.openStream();
      // bytes of the part below the server's offset are on the server already: step over them
      long skip = position - start;
      byte[] scratch = new byte[(int) Math.min(8192, Math.max(1, skip))];
      while (skip > 0) {
        int n = in.read(scratch, 0, (int) Math.min(scratch.length, skip));
        if (n < 0) throw new IOException("part ended early");
        skip -= n;
      }
    }
    int n = in.read(b, off, (int) Math.min(len, end - position));
    if (n > 0) {
      position += n;
      lastRead = System.nanoTime();
    }
    return n;
  }

  /** The uploader skips to the server's offset once, when it is made; nothing is read here. */
  @Override
  public long skip(long n) {
    if (n <= 0) return 0;
    position += n;
    in = null;
    return n;
  }

  @Override
  public int available() {
    return data == null ? 0 : (int) Math.max(0, Math.min(Integer.MAX_VALUE, end - position));
  }

  @Override
  public boolean markSupported() {
    return true;
  }

  @Override
  public synchronized void mark(int readLimit) {
    // nothing to keep: the uploader only resets after a failed request, and this app makes a new
    // uploader (and a new stream) after a HEAD instead
  }

  @Override
  public synchronized void reset() throws IOException {
    throw new IOException(
        "reset is not used: a failed request is resumed from the server's offset");
  }
}
