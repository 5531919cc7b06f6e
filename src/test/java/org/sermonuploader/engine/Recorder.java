package org.sermonuploader.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

/**
 * A recorder as tests need one: writes a WAV header with zero sizes, appends audio at a fixed rate
 * on its own thread, and on {@link #finish()} writes the sizes at offsets 4 and 40 and closes the
 * file, as arecord does.
 */
public final class Recorder implements AutoCloseable {
  static final int HEADER = 44;
  private static final int CHUNK = 256 << 10;

  private final FileChannel out;
  private final Random random;
  private final long bytesPerSecond;
  private final long audioBytes;
  private final Thread thread;
  private volatile boolean hang;
  private volatile long written;

  public Recorder(Path file, long bytesPerSecond, long audioBytes, long seed) throws IOException {
    this.out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    this.random = new Random(seed);
    this.bytesPerSecond = bytesPerSecond;
    this.audioBytes = audioBytes;
    out.write(ByteBuffer.wrap(header(0, 0)), 0);
    written = HEADER;
    thread = new Thread(this::record, "test-recorder");
    thread.setDaemon(true);
  }

  public Recorder start() {
    thread.start();
    return this;
  }

  /** The recorder hangs: it keeps the file open and writes nothing more. */
  void hang() {
    hang = true;
  }

  public long written() {
    return written;
  }

  /** Waits until every audio byte is written. */
  void awaitAudio() throws InterruptedException {
    thread.join();
  }

  /** Writes the sizes into the header and closes the file. */
  public void finish() throws Exception {
    thread.join();
    long total = written;
    out.write(ByteBuffer.wrap(header(total, total - HEADER)), 0);
    out.force(true);
    out.close();
  }

  /** Overwrites {@code n} bytes at {@code offset} with other bytes, as a recorder fixing up. */
  void overwrite(long offset, int n) throws IOException {
    byte[] b = new byte[n];
    new Random(offset).nextBytes(b);
    out.write(ByteBuffer.wrap(b), offset);
  }

  private void record() {
    byte[] chunk = new byte[CHUNK];
    long start = System.nanoTime();
    long audio = 0;
    try {
      while (audio < audioBytes && !hang) {
        int n = (int) Math.min(CHUNK, audioBytes - audio);
        random.nextBytes(chunk);
        out.write(ByteBuffer.wrap(chunk, 0, n), HEADER + audio);
        audio += n;
        written = HEADER + audio;
        long due = start + audio * 1_000_000_000L / bytesPerSecond;
        long wait = due - System.nanoTime();
        if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] header(long riffSize, long dataSize) {
    ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
    h.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) riffSize);
    h.put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16);
    h.putShort((short) 1).putShort((short) 2).putInt(48_000).putInt(48_000 * 4);
    h.putShort((short) 4).putShort((short) 16);
    h.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) dataSize);
    return h.array();
  }

  @Override
  public void close() throws IOException {
    hang = true;
    if (out.isOpen()) out.close();
  }
}
