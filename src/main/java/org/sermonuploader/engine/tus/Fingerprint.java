package org.sermonuploader.engine.tus;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Identifies one version of one file for the URL store: absolute path, size, modification time and
 * the SHA-256 of the first MiB. The library's default (path and size) would resume a re-recorded
 * file of the same length onto the old upload; the hash of the head catches a new recording even
 * when a copy tool kept the old mtime.
 */
final class Fingerprint {
  static final int HEAD_BYTES = 1 << 20;

  private Fingerprint() {}

  static String of(Path file) throws IOException {
    Path p = file.toAbsolutePath().normalize();
    long size = Files.size(p);
    long mtime = Files.getLastModifiedTime(p).toMillis();
    MessageDigest d;
    try {
      d = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    ByteBuffer buf = ByteBuffer.allocate((int) Math.min(HEAD_BYTES, size));
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      while (buf.hasRemaining()) {
        if (ch.read(buf, buf.position()) < 0) break;
      }
    }
    buf.flip();
    d.update(buf);
    return "v1:" + size + ":" + mtime + ":" + HexFormat.of().formatHex(d.digest()) + ":" + p;
  }
}
