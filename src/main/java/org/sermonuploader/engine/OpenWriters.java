package org.sermonuploader.engine;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Whether a process holds a file open for writing, from Linux's /proc: each process's fd folder
 * links to the files it has open, and fdinfo gives the flags they were opened with. Only processes
 * this user may read are seen (a recorder runs as the same user); elsewhere nothing is ever seen
 * and the caller falls back to a quiet time.
 *
 * <p>A look at every open file of every process costs milliseconds (a few thousand links), too much
 * for each file of an archive of thousands. One look answers for {@value #REUSE_MILLIS} ms, but
 * only for files that had not changed for {@value #CHANGE_SLACK_MILLIS} ms when it was taken: a
 * file being recorded keeps changing and always gets a fresh look, and a "yes" is checked on the
 * process's own fd before it is believed. What a reused look can miss is a writer that opened an
 * old file and has not written to it yet, for at most {@value #REUSE_MILLIS} ms.
 */
public final class OpenWriters {
  private static final Path PROC = Path.of("/proc");
  private static final int ACCESS_MODE = 3; // O_WRONLY = 1, O_RDWR = 2
  static final long REUSE_MILLIS = 2_000;
  // FAT file systems (USB sticks) keep modification times to 2 seconds
  static final long CHANGE_SLACK_MILLIS = 3_000;

  /** An open file of a process: its link (/proc/PID/fd/N) and its flags (/proc/PID/fdinfo/N). */
  private record Fd(Path link, Path info) {}

  /** One look: each open file's real path and the fds that point at it. */
  private record Look(long takenAt, Map<Path, List<Fd>> fdsByFile) {}

  private static final Object LOOKING = new Object();
  private static volatile @Nullable Look last;

  private OpenWriters() {}

  /** Whether any process this user can see has {@code file} open for writing. */
  public static boolean heldForWriting(Path file) {
    Path real;
    long changed;
    try {
      real = file.toRealPath();
      changed = Files.getLastModifiedTime(real).toMillis();
    } catch (IOException e) {
      return false;
    }
    if (!Files.isDirectory(PROC)) return false;
    for (Fd fd : lookFor(changed).fdsByFile().getOrDefault(real, List.of())) {
      if (stillPointsAt(fd.link(), real) && writable(fd.info())) return true;
    }
    return false;
  }

  private static Look lookFor(long changed) {
    long asked = System.currentTimeMillis();
    Look look = last;
    if (look != null && answersFor(look, changed, asked)) return look;
    synchronized (LOOKING) {
      look = last;
      // a look taken since this call began is as fresh as a new one
      if (look != null && (look.takenAt() >= asked || answersFor(look, changed, asked))) {
        return look;
      }
      Look now = lookNow();
      last = now;
      return now;
    }
  }

  private static boolean answersFor(Look look, long changed, long now) {
    return now - look.takenAt() <= REUSE_MILLIS && changed < look.takenAt() - CHANGE_SLACK_MILLIS;
  }

  private static Look lookNow() {
    long takenAt = System.currentTimeMillis();
    Map<Path, List<Fd>> fdsByFile = new HashMap<>();
    try (DirectoryStream<Path> pids = Files.newDirectoryStream(PROC, OpenWriters::isPid)) {
      for (Path pid : pids) collect(pid, fdsByFile);
    } catch (IOException | RuntimeException e) {
      // nothing seen: the caller falls back to the quiet time
    }
    return new Look(takenAt, fdsByFile);
  }

  private static boolean isPid(Path p) {
    String name = p.getFileName().toString();
    return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
  }

  private static void collect(Path pid, Map<Path, List<Fd>> fdsByFile) {
    Path info = pid.resolve("fdinfo");
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(pid.resolve("fd"))) {
      for (Path fd : fds) {
        try {
          Path target = Files.readSymbolicLink(fd);
          fdsByFile
              .computeIfAbsent(target, k -> new ArrayList<>(1))
              .add(new Fd(fd, info.resolve(fd.getFileName().toString())));
        } catch (IOException | UnsupportedOperationException e) {
          // closed while we looked
        }
      }
    } catch (IOException | RuntimeException e) {
      // another user's process, or one that ended while we looked
    }
  }

  private static boolean stillPointsAt(Path fd, Path real) {
    try {
      return Files.readSymbolicLink(fd).equals(real);
    } catch (IOException | UnsupportedOperationException e) {
      return false; // closed since the look
    }
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
