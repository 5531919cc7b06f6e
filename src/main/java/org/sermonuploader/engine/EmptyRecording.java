package org.sermonuploader.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.config.Units;

/**
 * A recorder that failed leaves a file with nothing recorded in it: 0 bytes, or for WAV only the
 * header. Such a file is refused rather than stored and reported as uploaded. Judged by the file's
 * length, never by the header's size fields: a crashed recorder leaves those at 0 in a full file.
 */
final class EmptyRecording {
  /** The header of a plain WAV file: RIFF, fmt and the start of the data chunk. */
  static final int WAV_HEADER = 44;

  /** How far into a WAV file its data chunk is looked for; header chunks are small. */
  private static final int HEADER_SEARCH = 64 * 1024;

  private EmptyRecording() {}

  /** Why the file holds no recording, in plain words; null when it holds some. */
  static @Nullable String why(String fileName, long size, FileChannel channel) throws IOException {
    if (size == 0) return message(0);
    if (!fileName.toLowerCase(Locale.ROOT).endsWith(".wav") || size > HEADER_SEARCH) return null;
    return size <= wavHeaderEnd(channel, size) ? message(size) : null;
  }

  static String message(long size) {
    return "Empty recording: " + Units.size(size) + ", nothing was recorded.";
  }

  /**
   * Where a WAV file's samples start: just after the data chunk's id and size. The chunks before it
   * (fmt, LIST, …) are walked by their own sizes; without a data chunk, the plain header's length.
   */
  private static long wavHeaderEnd(FileChannel channel, long size) throws IOException {
    ByteBuffer head = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
    while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
      // read until full or the end of the file
    }
    int length = head.position();
    if (length < 12 || !"RIFF".equals(id(head, 0)) || !"WAVE".equals(id(head, 8))) {
      return WAV_HEADER;
    }
    long at = 12;
    while (at + 8 <= length) {
      String chunk = id(head, (int) at);
      if ("data".equals(chunk)) return at + 8;
      long chunkSize = Integer.toUnsignedLong(head.getInt((int) at + 4));
      at += 8 + chunkSize + (chunkSize & 1);
    }
    return Math.max(WAV_HEADER, length);
  }

  private static String id(ByteBuffer b, int at) {
    byte[] four = new byte[4];
    for (int i = 0; i < 4; i++) four[i] = b.get(at + i);
    return new String(four, StandardCharsets.US_ASCII);
  }
}
