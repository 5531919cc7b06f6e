package org.sermonuploader.engine;

import java.util.Map;

/** What one upload will write: key, size, part layout and the object metadata. */
public record UploadPlan(String key, long size, long partSize, Map<String, String> metadata) {

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
