package org.sermonuploader.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaDurationTest {
  @TempDir Path tmp;

  /** A PCM WAV header for {@code seconds} of 44.1 kHz 16-bit stereo, followed by that much data. */
  static byte[] wav(int seconds) {
    int byteRate = 44100 * 2 * 2;
    int data = byteRate * seconds;
    ByteBuffer b = ByteBuffer.allocate(44 + data).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII))
        .putInt(36 + data)
        .put("WAVE".getBytes(StandardCharsets.US_ASCII));
    b.put("fmt ".getBytes(StandardCharsets.US_ASCII))
        .putInt(16)
        .putShort((short) 1)
        .putShort((short) 2)
        .putInt(44100)
        .putInt(byteRate)
        .putShort((short) 4)
        .putShort((short) 16);
    b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data);
    return b.array();
  }

  @Test
  void wavLengthComesFromTheHeader() throws Exception {
    Path f = Files.write(tmp.resolve("a.wav"), wav(3));
    assertEquals(Duration.ofSeconds(3), MediaDuration.of(f).orElseThrow());
  }

  @Test
  void mp3LengthIsEstimatedFromTheFirstFrameBitrate() throws Exception {
    // ID3v2 tag of 20 bytes, then 128 kbps MPEG-1 layer III frames at 44.1 kHz: 16,000 bytes a
    // second
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 20});
    out.write(new byte[20]);
    byte[] frame = new byte[417];
    frame[0] = (byte) 0xFF;
    frame[1] = (byte) 0xFB;
    frame[2] = (byte) 0x90;
    frame[3] = (byte) 0x00;
    for (int i = 0; i < 16_000 * 60 / 417; i++) out.write(frame);
    Path f = Files.write(tmp.resolve("b.mp3"), out.toByteArray());
    long ms = MediaDuration.of(f).orElseThrow().toMillis();
    assertTrue(Math.abs(ms - 60_000) < 100, "about a minute: " + ms);
  }

  @Test
  void otherFilesAndNoiseHaveNoLength() throws Exception {
    assertTrue(MediaDuration.of(Files.write(tmp.resolve("c.wav"), new byte[100])).isEmpty());
    assertTrue(MediaDuration.of(Files.write(tmp.resolve("d.mp4"), wav(1))).isEmpty());
  }

  @Test
  void randomBytesNamedMp3HaveNoLength() throws Exception {
    // noise is full of 0xFF 0xE0 pairs that look like a frame header: none may be believed alone
    for (int seed = 0; seed < 20; seed++) {
      byte[] noise = new byte[256 * 1024];
      new java.util.Random(seed).nextBytes(noise);
      Path f = Files.write(tmp.resolve("noise-" + seed + ".mp3"), noise);
      assertEquals(java.util.Optional.empty(), MediaDuration.of(f), "seed " + seed);
    }
  }

  @Test
  void aVbriHeaderGivesTheExactLength() throws Exception {
    // MPEG-1 layer III, 128 kbps, 44.1 kHz; VBRI 32 bytes after the header; 2,297 frames = 60 s
    byte[] frame = new byte[417];
    frame[0] = (byte) 0xFF;
    frame[1] = (byte) 0xFB;
    frame[2] = (byte) 0x90;
    System.arraycopy("VBRI".getBytes(StandardCharsets.US_ASCII), 0, frame, 36, 4);
    ByteBuffer.wrap(frame, 36 + 14, 4).putInt(2297);
    Path f = Files.write(tmp.resolve("v.mp3"), frame);
    long ms = MediaDuration.of(f).orElseThrow().toMillis();
    assertTrue(Math.abs(ms - 60_000) < 100, "a minute: " + ms);
  }
}
