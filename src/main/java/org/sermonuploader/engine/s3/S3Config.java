package org.sermonuploader.engine.s3;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to reach an S3 server. The secret is held here and nowhere else; {@link #toString()} hides
 * it.
 *
 * @param caFile a PEM certificate to trust in addition to the system's, or null
 */
public record S3Config(
    String endpoint,
    String bucket,
    String accessKey,
    String secretKey,
    String region,
    Duration connectTimeout,
    Duration ioTimeout,
    Path caFile,
    boolean createBucket) {

  @Override
  public String toString() {
    return "S3Config[endpoint="
        + endpoint
        + ", bucket="
        + bucket
        + ", accessKey="
        + accessKey
        + ", secretKey=***, region="
        + region
        + "]";
  }
}
