package org.sermonuploader.engine;

import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What one upload will write: key, size, part layout and the object metadata. {@code source} is the
 * local file (may be null); a transfer that fingerprints files (tus) reads it.
 */
public record UploadPlan(
    String key, long size, long partSize, Map<String, String> metadata, @Nullable Path source) {

  public UploadPlan(String key, long size, long partSize, Map<String, String> metadata) {
    this(key, size, partSize, metadata, null);
  }

  public int partCount() {
    if (size == 0) return 1;
    return (int) ((size + partSize - 1) / partSize);
  }

  public long partOffset(int partNumber) {
    return (partNumber - 1) * partSize;
  }

  public long partLength(int partNumber) {
    return Math.min(partSize, size - partOffset(partNumber));
  }

  /** Files no larger than one part go as a single request. */
  public boolean singleRequest() {
    return size <= partSize;
  }
}
