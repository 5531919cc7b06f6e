package org.sermonuploader.config;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Keeps the data folder to its owner: the journal and the logs tell which recordings were uploaded
 * where and when, so, like the secrets, they are 0600 in a 0700 folder. Files made by older
 * versions are tightened when the app next starts. Tightening only ever takes access away from
 * others: it never makes a file writable that its owner made read-only.
 */
public final class OwnerOnly {
  private static final Set<PosixFilePermission> OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private OwnerOnly() {}

  /** Makes the folder (0700) if it is missing, else takes group and others' access away. */
  public static void folder(Path dir) throws IOException {
    if (!posix(dir)) {
      Files.createDirectories(dir);
      return;
    }
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    tighten(dir);
  }

  /** Makes an empty file (0600) if it is missing, so what writes it later keeps that mode. */
  public static void file(Path file) throws IOException {
    if (!posix(file) || Files.exists(file)) {
      tighten(file);
      return;
    }
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (FileAlreadyExistsException raced) {
      tighten(file);
    }
  }

  /**
   * Takes group and others' access away from an existing file or folder; false when that failed. A
   * file owned by someone else (after a run with sudo) can't be changed: that is left for the write
   * to report. (No logging here: the log setup uses this before there is a log.)
   */
  public static boolean tighten(Path path) {
    if (!posix(path) || !Files.exists(path)) return true;
    try {
      Set<PosixFilePermission> now = Files.getPosixFilePermissions(path);
      if (now.stream().noneMatch(OTHERS::contains)) return true;
      Set<PosixFilePermission> mine = EnumSet.copyOf(now);
      mine.removeAll(OTHERS);
      Files.setPosixFilePermissions(path, mine);
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
