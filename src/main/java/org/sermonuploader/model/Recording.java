package org.sermonuploader.model;

import java.nio.file.Path;
import java.time.Instant;

/**
 * An audio or video file found on a stick.
 *
 * @param relativePath the path below the stick's mount point, with '/' separators; the same file
 *     has the same relative path whatever name the stick is mounted under
 */
public record Recording(Path path, String relativePath, long size, Instant modified) {

  /** The file name, as the dialog shows it. */
  public String name() {
    return path.getFileName().toString();
  }
}
