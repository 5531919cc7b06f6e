package org.sermonuploader.library;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.config.Units;
import org.sermonuploader.engine.RemoteObject;
import org.sermonuploader.engine.Transfer;
import org.sermonuploader.engine.UploadException;

/**
 * Copies a stored recording to a file on this computer. The bytes go to {@code FILE.part} first,
 * which a later run continues from where it stopped; the file gets its name only once it is
 * complete and its SHA-256, where one is known, matches. An existing file is never replaced.
 */
public final class Download {
  /** Room left on the disk beside the recording, so the copy never fills it to the last byte. */
  static final long SPARE = 64L << 20;

  /** How a download ended. */
  public enum Result {
    DONE,
    MISSING,
    DIFFERS,
    EXISTS,
    NO_ROOM
  }

  /** Told how many of the recording's bytes the copy holds as it grows. */
  public interface Progress {
    void at(long done, long size);
  }

  /** The result, with words for the volunteer and the file they concern. */
  public record Outcome(Result result, String message, @Nullable Path file) {}

  private Download() {}

  /** The file a key is saved as when no name is given: its last path segment. */
  public static Path defaultFile(String key) {
    String name = key.substring(key.lastIndexOf('/') + 1);
    return Path.of(name.isEmpty() ? "recording" : name);
  }

  public static Path partFile(Path file) {
    return file.resolveSibling(file.getFileName() + ".part");
  }

  /**
   * Downloads {@code key} to {@code file}.
   *
   * @param recordedSha256 the SHA-256 this computer recorded for the key, or null
   * @param progress told the number of bytes the .part holds as it grows
   */
  public static Outcome run(
      Transfer transfer, String key, Path file, @Nullable String recordedSha256, Progress progress)
      throws UploadException, IOException, InterruptedException {
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return new Outcome(Result.EXISTS, file + " already exists; nothing was written.", file);
    }
    Optional<RemoteObject> found = transfer.find(key);
    if (found.isEmpty()) {
      return new Outcome(Result.MISSING, key + " is not on the server.", null);
    }
    RemoteObject object = found.get();
    String expected = object.sha256Hex() != null ? object.sha256Hex() : recordedSha256;
    Path part = partFile(file);
    Path folder = file.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    long have = Files.isRegularFile(part) ? Files.size(part) : 0;
    if (have > object.size()) {
      // left by a larger recording of the same name: it can't be the start of this one
      Files.delete(part);
      have = 0;
    }
    long free = Files.getFileStore(folder).getUsableSpace();
    if (free < object.size() - have + SPARE) {
      return new Outcome(
          Result.NO_ROOM,
          "Not enough free space in "
              + folder
              + ": "
              + Units.size(object.size() - have + SPARE)
              + " needed, "
              + Units.size(free)
              + " free. Nothing was written.",
          null);
    }
    MessageDigest digest = RemoteHash.sha256();
    try (FileChannel channel =
        FileChannel.open(
            part, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      hashExisting(channel, have, digest);
      channel.truncate(have).position(have);
      progress.at(have, object.size());
      OutputStream sink = Channels.newOutputStream(channel);
      RemoteHash.copy(transfer, object, have, digest, sink, pos -> progress.at(pos, object.size()));
      channel.force(true);
    }
    String actual = HexFormat.of().formatHex(digest.digest());
    if (expected != null && !expected.equalsIgnoreCase(actual)) {
      return new Outcome(
          Result.DIFFERS,
          "The copy's SHA-256 ("
              + actual
              + ") is not the recorded one ("
              + expected
              + "). It is kept as "
              + part
              + "; delete it to download again from the start.",
          part);
    }
    try {
      Files.move(part, file);
    } catch (FileAlreadyExistsException e) {
      return new Outcome(
          Result.EXISTS,
          file + " appeared while downloading; the copy is kept as " + part + ".",
          part);
    }
    return new Outcome(
        Result.DONE,
        "Saved "
            + key
            + " as "
            + file
            + (expected != null ? " (SHA-256 checked)." : " (no SHA-256 is known to check it)."),
        file);
  }

  /** The bytes a stopped download left count towards the SHA-256 of the whole copy. */
  private static void hashExisting(FileChannel channel, long have, MessageDigest digest)
      throws IOException {
    InputStream in = Channels.newInputStream(channel.position(0));
    byte[] buffer = new byte[RemoteHash.BUFFER];
    long left = have;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) throw new IOException("the partial copy got shorter while it was read");
      digest.update(buffer, 0, n);
      left -= n;
    }
  }
}
