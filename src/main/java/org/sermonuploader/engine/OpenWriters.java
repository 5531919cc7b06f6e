package org.sermonuploader.engine;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Whether a process holds a file open for writing, from Linux's /proc: each process's fd folder
 * links to the files it has open, and fdinfo gives the flags they were opened with. Only processes
 * this user may read are seen (a recorder runs as the same user); elsewhere nothing is ever seen
 * and the caller falls back to a quiet time.
 */
public final class OpenWriters {
  private static final Path PROC = Path.of("/proc");
  private static final int ACCESS_MODE = 3; // O_WRONLY = 1, O_RDWR = 2

  private OpenWriters() {}

  /** Whether any process this user can see has {@code file} open for writing. */
  public static boolean heldForWriting(Path file) {
    Path real;
    try {
      real = file.toRealPath();
    } catch (IOException e) {
      return false;
    }
    if (!Files.isDirectory(PROC)) return false;
    try (DirectoryStream<Path> pids = Files.newDirectoryStream(PROC, OpenWriters::isPid)) {
      for (Path pid : pids) {
        if (holds(pid, real)) return true;
      }
    } catch (IOException | RuntimeException e) {
      return false;
    }
    return false;
  }

  private static boolean isPid(Path p) {
    String name = p.getFileName().toString();
    return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
  }

  private static boolean holds(Path pid, Path real) {
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(pid.resolve("fd"))) {
      for (Path fd : fds) {
        Path target;
        try {
          target = Files.readSymbolicLink(fd);
        } catch (IOException | UnsupportedOperationException e) {
          continue; // closed while we looked
        }
        if (target.equals(real) && writable(pid.resolve("fdinfo").resolve(fd.getFileName()))) {
          return true;
        }
      }
    } catch (IOException | RuntimeException e) {
      // another user's process, or one that ended while we looked
    }
    return false;
  }

  private static boolean writable(Path fdinfo) {
    try {
      for (String line : Files.readAllLines(fdinfo)) {
        if (line.toLowerCase(Locale.ROOT).startsWith("flags:")) {
          int flags = Integer.parseInt(line.substring(6).trim(), 8);
          return (flags & ACCESS_MODE) != 0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return false;
    }
    return false;
  }
}
