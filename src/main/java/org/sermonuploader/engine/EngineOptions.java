package org.sermonuploader.engine;

import java.time.Duration;

/**
 * How the engine works.
 *
 * @param partSize bytes per part (at least 5 MiB; raised per file so no file needs over 10,000)
 * @param partsInFlight parts of one file sending at once
 * @param maxConcurrentUploads files uploading at once
 * @param maxUploadSize largest accepted file, 0 for no limit
 */
public record EngineOptions(
    long partSize,
    int partsInFlight,
    int maxConcurrentUploads,
    long maxUploadSize,
    ObjectKeys keys,
    String station,
    RetryPolicy retry,
    Duration progressInterval) {

  public static final long MIN_PART_SIZE = 5L << 20;
  public static final long MAX_PART_SIZE = 5L << 30;
  public static final int MAX_PARTS = 10_000;

  public EngineOptions {
    if (partSize < MIN_PART_SIZE) {
      throw new IllegalArgumentException("the part size must be at least 5 MiB");
    }
    if (partSize > MAX_PART_SIZE)
      throw new IllegalArgumentException("the part size must be at most 5 GiB");
    if (partsInFlight < 1) throw new IllegalArgumentException("parts in flight must be at least 1");
    if (maxConcurrentUploads < 1)
      throw new IllegalArgumentException("concurrent uploads must be at least 1");
  }

  public static EngineOptions defaults(ObjectKeys keys, String station) {
    return new EngineOptions(
        16L << 20, 2, 1, 0, keys, station, RetryPolicy.DEFAULT, Duration.ofMillis(200));
  }

  public EngineOptions withPartSize(long bytes) {
    return new EngineOptions(
        bytes,
        partsInFlight,
        maxConcurrentUploads,
        maxUploadSize,
        keys,
        station,
        retry,
        progressInterval);
  }

  public EngineOptions withPartsInFlight(int n) {
    return new EngineOptions(
        partSize, n, maxConcurrentUploads, maxUploadSize, keys, station, retry, progressInterval);
  }

  public EngineOptions withRetry(RetryPolicy r) {
    return new EngineOptions(
        partSize,
        partsInFlight,
        maxConcurrentUploads,
        maxUploadSize,
        keys,
        station,
        r,
        progressInterval);
  }

  public EngineOptions withMaxUploadSize(long bytes) {
    return new EngineOptions(
        partSize,
        partsInFlight,
        maxConcurrentUploads,
        bytes,
        keys,
        station,
        retry,
        progressInterval);
  }

  /**
   * The part size for a file: the configured one, raised to keep within 10,000 parts, in whole MiB.
   */
  public long partSizeFor(long fileSize) {
    long needed = (fileSize + MAX_PARTS - 1) / MAX_PARTS;
    long size = Math.max(partSize, needed);
    long mib = 1L << 20;
    return (size + mib - 1) / mib * mib;
  }
}
