package org.sermonuploader.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.sermonuploader.bandwidth.Bandwidth;

/**
 * How the engine works.
 *
 * @param partSize bytes per part (at least 5 MiB; raised per file so no file needs over 10,000)
 * @param partsInFlight parts of one file sending at once
 * @param maxConcurrentUploads files uploading at once
 * @param maxUploadSize largest accepted file, 0 for no limit
 * @param removableRoots folders where USB sticks are mounted: a file under one that goes away is
 *     waited for (the stick was pulled); a file gone from anywhere else fails its job
 * @param bandwidth the limit on the sum of everything sent
 */
public record EngineOptions(
    long partSize,
    int partsInFlight,
    int maxConcurrentUploads,
    long maxUploadSize,
    ObjectKeys keys,
    String station,
    RetryPolicy retry,
    Duration progressInterval,
    List<Path> removableRoots,
    Bandwidth bandwidth) {

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
    removableRoots = removableRoots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    if (bandwidth == null) bandwidth = Bandwidth.unlimited();
  }

  /** Options with no removable media: every file that goes away fails its job. */
  public EngineOptions(
      long partSize,
      int partsInFlight,
      int maxConcurrentUploads,
      long maxUploadSize,
      ObjectKeys keys,
      String station,
      RetryPolicy retry,
      Duration progressInterval) {
    this(
        partSize,
        partsInFlight,
        maxConcurrentUploads,
        maxUploadSize,
        keys,
        station,
        retry,
        progressInterval,
        List.of(),
        Bandwidth.unlimited());
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
        progressInterval,
        removableRoots,
        bandwidth);
  }

  public EngineOptions withPartsInFlight(int n) {
    return new EngineOptions(
        partSize,
        n,
        maxConcurrentUploads,
        maxUploadSize,
        keys,
        station,
        retry,
        progressInterval,
        removableRoots,
        bandwidth);
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
        progressInterval,
        removableRoots,
        bandwidth);
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
        progressInterval,
        removableRoots,
        bandwidth);
  }

  public EngineOptions withRemovableRoots(List<Path> roots) {
    return new EngineOptions(
        partSize,
        partsInFlight,
        maxConcurrentUploads,
        maxUploadSize,
        keys,
        station,
        retry,
        progressInterval,
        roots,
        bandwidth);
  }

  /** Options with no removable media and no bandwidth limit. */
  public EngineOptions(
      long partSize,
      int partsInFlight,
      int maxConcurrentUploads,
      long maxUploadSize,
      ObjectKeys keys,
      String station,
      RetryPolicy retry,
      Duration progressInterval,
      List<Path> removableRoots) {
    this(
        partSize,
        partsInFlight,
        maxConcurrentUploads,
        maxUploadSize,
        keys,
        station,
        retry,
        progressInterval,
        removableRoots,
        Bandwidth.unlimited());
  }

  public EngineOptions withBandwidth(Bandwidth b) {
    return new EngineOptions(
        partSize,
        partsInFlight,
        maxConcurrentUploads,
        maxUploadSize,
        keys,
        station,
        retry,
        progressInterval,
        removableRoots,
        b);
  }

  /** Whether the file lies under a USB mount root, so its absence means a pulled stick. */
  public boolean onRemovableMedia(Path file) {
    Path p = file.toAbsolutePath().normalize();
    return removableRoots.stream().anyMatch(p::startsWith);
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
