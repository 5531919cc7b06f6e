package org.sermonuploader.engine;

import java.time.Duration;

/**
 * Whether recordings that are still being written are uploaded as they grow (S3 only), and the
 * quiet time after which a file no writer was seen on counts as finished.
 */
public record LiveOptions(boolean enabled, Duration quiet) {
  public static final LiveOptions OFF = new LiveOptions(false, Duration.ofSeconds(30));

  public LiveOptions {
    if (quiet.isNegative() || quiet.isZero())
      throw new IllegalArgumentException("the quiet time must be positive");
  }
}
