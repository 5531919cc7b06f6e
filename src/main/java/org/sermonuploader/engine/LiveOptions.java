package org.sermonuploader.engine;

import java.time.Duration;

/**
 * Whether recordings that are still being written are uploaded as they grow (S3 only), and the
 * quiet time after which a file no writer was seen on counts as finished. {@code maxParts} is S3's
 * limit of parts per upload; a recording that ends up longer than that many parts of the layout is
 * uploaded the ordinary way once it has ended (tests lower it to reach that case with small files).
 */
public record LiveOptions(boolean enabled, Duration quiet, int maxParts) {
  public static final LiveOptions OFF = new LiveOptions(false, Duration.ofSeconds(30));

  public LiveOptions {
    if (quiet.isNegative() || quiet.isZero())
      throw new IllegalArgumentException("the quiet time must be positive");
    if (maxParts < 2 || maxParts > EngineOptions.MAX_PARTS)
      throw new IllegalArgumentException("maxParts out of range: " + maxParts);
  }

  public LiveOptions(boolean enabled, Duration quiet) {
    this(enabled, quiet, EngineOptions.MAX_PARTS);
  }
}
