package org.sermonuploader.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.bandwidth.Bandwidth;

/**
 * How the engine works. Made with {@link #builder()}, whose defaults suit one station's uploads;
 * only the keys and the station must be given.
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

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options, to change some of them. */
  public Builder toBuilder() {
    return builder()
        .partSize(partSize)
        .partsInFlight(partsInFlight)
        .maxConcurrentUploads(maxConcurrentUploads)
        .maxUploadSize(maxUploadSize)
        .keys(keys)
        .station(station)
        .retry(retry)
        .progressInterval(progressInterval)
        .removableRoots(removableRoots)
        .bandwidth(bandwidth);
  }

  /**
   * Options one at a time. Unset, they are 16 MiB parts, 2 in flight, one file at a time, no size
   * limit, {@link RetryPolicy#DEFAULT}, progress every 200 ms, no USB mount roots and no bandwidth
   * limit.
   */
  public static final class Builder {
    private long partSize = 16L << 20;
    private int partsInFlight = 2;
    private int maxConcurrentUploads = 1;
    private long maxUploadSize = 0;
    private @Nullable ObjectKeys keys;
    private @Nullable String station;
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private Duration progressInterval = Duration.ofMillis(200);
    private List<Path> removableRoots = List.of();
    private @Nullable Bandwidth bandwidth;

    private Builder() {}

    public Builder partSize(long bytes) {
      this.partSize = bytes;
      return this;
    }

    public Builder partsInFlight(int n) {
      this.partsInFlight = n;
      return this;
    }

    public Builder maxConcurrentUploads(int n) {
      this.maxConcurrentUploads = n;
      return this;
    }

    /** The largest accepted file, 0 for no limit. */
    public Builder maxUploadSize(long bytes) {
      this.maxUploadSize = bytes;
      return this;
    }

    public Builder keys(ObjectKeys keys) {
      this.keys = keys;
      return this;
    }

    public Builder station(String station) {
      this.station = station;
      return this;
    }

    public Builder retry(RetryPolicy retry) {
      this.retry = retry;
      return this;
    }

    public Builder progressInterval(Duration interval) {
      this.progressInterval = interval;
      return this;
    }

    /** Folders where USB sticks are mounted: a file gone from under one is waited for. */
    public Builder removableRoots(List<Path> roots) {
      this.removableRoots = roots;
      return this;
    }

    public Builder bandwidth(Bandwidth bandwidth) {
      this.bandwidth = bandwidth;
      return this;
    }

    /** The options; a part size or count out of range is refused here. */
    public EngineOptions build() {
      return new EngineOptions(
          partSize,
          partsInFlight,
          maxConcurrentUploads,
          maxUploadSize,
          Objects.requireNonNull(keys, "the object keys must be given"),
          Objects.requireNonNull(station, "the station must be given"),
          retry,
          progressInterval,
          removableRoots,
          bandwidth == null ? Bandwidth.unlimited() : bandwidth);
    }
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
