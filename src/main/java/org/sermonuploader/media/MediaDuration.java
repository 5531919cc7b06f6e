package org.sermonuploader.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The length of a recording where it is cheap to know: from a WAV header, or for an MP3 from the
 * frame count its encoder wrote (a Xing, Info or VBRI header), else from the bitrate when the first
 * frames run on at one constant size. Anything else (noise, a damaged file) gets no length rather
 * than a made-up one. Reads 64 KB at most; call it off the FX thread.
 */
public final class MediaDuration {
  private static final int[] MPEG1_L3_KBPS = {
    0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320
  };
  private static final int[] MPEG2_L3_KBPS = {
    0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160
  };
  private static final int[][] SAMPLE_RATES = {
    {11025, 12000, 8000}, // MPEG 2.5
    {0, 0, 0},
    {22050, 24000, 16000}, // MPEG 2
    {44100, 48000, 32000}
  }; // MPEG 1

  private MediaDuration() {}

  public static Optional<Duration> of(Path file) {
    String name =
        file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    try {
      if (name.endsWith(".wav")) return wav(file);
      if (name.endsWith(".mp3")) return mp3(file);
    } catch (IOException | RuntimeException e) {
      // a damaged or odd header: the row simply shows no length
    }
    return Optional.empty();
  }

  static Optional<Duration> wav(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
      if (ch.read(head, 0) < 12) return Optional.empty();
      String riff = ascii(head, 0);
      if ((!riff.equals("RIFF") && !riff.equals("RF64")) || !ascii(head, 8).equals("WAVE"))
        return Optional.empty();
      long pos = 12;
      long byteRate = 0;
      long ds64Data = -1;
      ByteBuffer chunk = ByteBuffer.allocate(36).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < 64 && pos + 8 <= ch.size(); i++) {
        chunk.clear();
        ch.read(chunk, pos);
        String id = ascii(chunk, 0);
        long size = Integer.toUnsignedLong(chunk.getInt(4));
        if (id.equals("ds64") && chunk.position() >= 24) ds64Data = chunk.getLong(16);
        if (id.equals("fmt ") && chunk.position() >= 20)
          byteRate = Integer.toUnsignedLong(chunk.getInt(16));
        if (id.equals("data")) {
          if (byteRate == 0) return Optional.empty();
          long dataSize = size == 0xFFFFFFFFL && ds64Data >= 0 ? ds64Data : size;
          // a recorder that stopped early may leave the header size unwritten: trust the file size
          // then
          dataSize = Math.min(dataSize, ch.size() - pos - 8);
          if (dataSize <= 0 || size == 0) dataSize = ch.size() - pos - 8;
          return Optional.of(Duration.ofMillis(dataSize * 1000 / byteRate));
        }
        pos += 8 + size + (size & 1);
      }
    }
    return Optional.empty();
  }

  static Optional<Duration> mp3(Path file) throws IOException {
    long fileSize = Files.size(file);
    byte[] b = new byte[64 * 1024];
    int len;
    try (InputStream in = Files.newInputStream(file)) {
      len = in.readNBytes(b, 0, b.length);
    }
    int start = 0;
    if (len >= 10 && b[0] == 'I' && b[1] == 'D' && b[2] == '3') {
      int tag =
          ((b[6] & 0x7f) << 21) | ((b[7] & 0x7f) << 14) | ((b[8] & 0x7f) << 7) | (b[9] & 0x7f);
      start = 10 + tag + ((b[5] & 0x10) != 0 ? 10 : 0);
      if (start + 4 > len) {
        // a large tag (cover art): read the frame header from behind it
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
          ByteBuffer buf = ByteBuffer.wrap(b);
          len = Math.max(0, ch.read(buf, start));
        }
        fileSize -= start;
        return frame(b, 0, len, fileSize);
      }
    }
    return frame(b, start, len, fileSize - start);
  }

  /** Frames after the first that must follow at the computed size before a bitrate is believed. */
  private static final int CBR_RUN = 4;

  /** The size in bytes of the layer III frame whose header starts at {@code i}, or -1 if none. */
  private static int frameSize(byte[] b, int i, int len) {
    if (i + 4 > len || (b[i] & 0xff) != 0xff || (b[i + 1] & 0xe0) != 0xe0) return -1;
    int version = (b[i + 1] >> 3) & 3; // 3 = MPEG1, 2 = MPEG2, 0 = MPEG2.5
    int layer = (b[i + 1] >> 1) & 3; // 1 = layer III
    int bitrateIndex = (b[i + 2] >> 4) & 0xf;
    int rateIndex = (b[i + 2] >> 2) & 3;
    if (version == 1 || layer != 1 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3)
      return -1;
    int kbps = (version == 3 ? MPEG1_L3_KBPS : MPEG2_L3_KBPS)[bitrateIndex];
    int sampleRate = SAMPLE_RATES[version][rateIndex];
    int padding = (b[i + 2] >> 1) & 1;
    return (version == 3 ? 144_000 : 72_000) * kbps / sampleRate + padding;
  }

  /** Whether the frames after the one at {@code i} follow at their sizes with the same bitrate. */
  private static boolean constantRun(byte[] b, int i, int len) {
    int at = i;
    for (int k = 0; k < CBR_RUN; k++) {
      int size = frameSize(b, at, len);
      int next = at + size;
      if (size < 0 || frameSize(b, next, len) < 0) return false;
      // same version, layer, bitrate and sample rate: only padding and flags may change
      if (b[next + 1] != b[i + 1] || (b[next + 2] & 0xfc) != (b[i + 2] & 0xfc)) return false;
      at = next;
    }
    return true;
  }

  private static Optional<Duration> frame(byte[] b, int from, int len, long audioBytes) {
    for (int i = from; i + 4 <= len; i++) {
      if (frameSize(b, i, len) < 0) continue;
      int version = (b[i + 1] >> 3) & 3;
      int kbps = (version == 3 ? MPEG1_L3_KBPS : MPEG2_L3_KBPS)[(b[i + 2] >> 4) & 0xf];
      int sampleRate = SAMPLE_RATES[version][(b[i + 2] >> 2) & 3];
      int samplesPerFrame = version == 3 ? 1152 : 576;
      boolean mono = ((b[i + 3] >> 6) & 3) == 3;
      int side = version == 3 ? (mono ? 17 : 32) : (mono ? 9 : 17);
      int x = i + 4 + side;
      if (x + 12 <= len && (tag(b, x, "Xing") || tag(b, x, "Info")) && (b[x + 7] & 1) != 0) {
        long frames =
            ((b[x + 8] & 0xffL) << 24)
                | ((b[x + 9] & 0xff) << 16)
                | ((b[x + 10] & 0xff) << 8)
                | (b[x + 11] & 0xff);
        return Optional.of(Duration.ofMillis(frames * samplesPerFrame * 1000 / sampleRate));
      }
      int vbri = i + 4 + 32;
      if (vbri + 18 <= len && tag(b, vbri, "VBRI")) {
        long frames =
            ((b[vbri + 14] & 0xffL) << 24)
                | ((b[vbri + 15] & 0xff) << 16)
                | ((b[vbri + 16] & 0xff) << 8)
                | (b[vbri + 17] & 0xff);
        return Optional.of(Duration.ofMillis(frames * samplesPerFrame * 1000 / sampleRate));
      }
      if (!constantRun(b, i, len)) continue;
      long bytes = audioBytes - (i - from);
      return Optional.of(Duration.ofMillis(bytes * 8 / kbps));
    }
    return Optional.empty();
  }

  private static boolean tag(byte[] b, int at, String t) {
    for (int k = 0; k < 4; k++) if (b[at + k] != t.charAt(k)) return false;
    return true;
  }

  private static String ascii(ByteBuffer b, int at) {
    char[] c = new char[4];
    for (int k = 0; k < 4; k++) c[k] = (char) (b.get(at + k) & 0xff);
    return new String(c);
  }
}
