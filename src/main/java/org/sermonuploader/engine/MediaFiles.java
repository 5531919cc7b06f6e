package org.sermonuploader.engine;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/** Which files are recordings, and the recordings inside dropped folders. */
public final class MediaFiles {
  public static final Set<String> AUDIO =
      Set.of("wav", "mp3", "m4a", "aac", "flac", "ogg", "opus", "wma", "aif", "aiff");
  public static final Set<String> VIDEO =
      Set.of("mp4", "m4v", "mov", "mkv", "avi", "webm", "mts", "m2ts");

  private MediaFiles() {}

  /** The content type a server should give a recording of this name, e.g. audio/wav. */
  public static String contentType(String fileName) {
    int dot = fileName.lastIndexOf('.');
    String ext = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    return switch (ext) {
      case "mp3" -> "audio/mpeg";
      case "wav" -> "audio/wav";
      case "m4a", "aac" -> "audio/mp4";
      case "flac" -> "audio/flac";
      case "ogg", "opus" -> "audio/ogg";
      case "wma" -> "audio/x-ms-wma";
      case "aif", "aiff" -> "audio/aiff";
      case "mp4", "m4v" -> "video/mp4";
      case "mov" -> "video/quicktime";
      case "mkv" -> "video/x-matroska";
      case "avi" -> "video/x-msvideo";
      case "webm" -> "video/webm";
      case "mts", "m2ts" -> "video/mp2t";
      default -> "application/octet-stream";
    };
  }

  public static boolean isMedia(Path file) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    if (dot < 0 || name.startsWith("._")) return false; // "._x.wav" are macOS resource forks
    String ext = name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return AUDIO.contains(ext) || VIDEO.contains(ext);
  }

  /**
   * Calls {@code found} with each recording under {@code root}, without following links and at most
   * {@code maxDepth} folders deep. Subfolders whose name {@code skipFolder} accepts are left out;
   * what can't be read goes to {@code unreadable} and the walk goes on.
   */
  public static void walk(
      Path root,
      int maxDepth,
      Predicate<String> skipFolder,
      BiConsumer<Path, BasicFileAttributes> found,
      BiConsumer<Path, IOException> unreadable)
      throws IOException {
    Files.walkFileTree(
        root,
        EnumSet.noneOf(FileVisitOption.class),
        maxDepth,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (dir.equals(root)) return FileVisitResult.CONTINUE;
            return skipFolder.test(Objects.toString(dir.getFileName(), ""))
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile() && isMedia(file)) found.accept(file, attrs);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            unreadable.accept(file, e);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /** A file that was not taken, and why, in plain words. */
  public record Skipped(Path path, String reason) {}

  /** What a drop or a command line expands to. */
  public record Expansion(List<Path> files, List<Skipped> skipped) {}

  /**
   * Files stay as given when they are recordings; folders add the recordings inside them (sorted,
   * following links but not loops). Everything else is listed as skipped with the reason.
   */
  public static Expansion expand(List<Path> given) {
    Set<Path> files = new LinkedHashSet<>();
    List<Skipped> skipped = new ArrayList<>();
    for (Path p : given) {
      Path path = p.toAbsolutePath().normalize();
      if (Files.isDirectory(path)) {
        List<Path> found = new ArrayList<>();
        try {
          Files.walkFileTree(
              path,
              EnumSet.of(FileVisitOption.FOLLOW_LINKS),
              16,
              new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                  if (attrs.isRegularFile() && isMedia(f)) found.add(f);
                  return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                  if (e instanceof FileSystemLoopException) {
                    skipped.add(
                        new Skipped(f, "a folder link that loops back on itself was skipped"));
                  } else {
                    skipped.add(new Skipped(f, "can't be read"));
                  }
                  return FileVisitResult.CONTINUE;
                }
              });
        } catch (IOException e) {
          skipped.add(new Skipped(path, "the folder can't be read"));
        }
        found.sort(null);
        if (found.isEmpty())
          skipped.add(new Skipped(path, "no audio or video files in this folder"));
        files.addAll(found);
      } else if (!Files.exists(path)) {
        skipped.add(new Skipped(path, "not found"));
      } else if (!isMedia(path)) {
        skipped.add(new Skipped(path, "not an audio or video file"));
      } else {
        files.add(path);
      }
    }
    return new Expansion(new ArrayList<>(files), skipped);
  }
}
