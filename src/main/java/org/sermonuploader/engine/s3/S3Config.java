package org.sermonuploader.engine.s3;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

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
    @Nullable Path caFile,
    boolean createBucket) {

  /** Why an address with a user name or password in it is refused; never repeats the address. */
  public static final String USER_INFO_PROBLEM =
      "must not hold a user name or password (user:password@…): give the access key in"
          + " MINIO_ACCESS_KEY and the secret key in MINIO_SECRET_KEY, --secret-key-file or the"
          + " settings, which keep it in secrets.properties";

  /** The same server with connect and read/write timeouts of at most {@code limit}. */
  public S3Config answeringWithin(Duration limit) {
    return new S3Config(
        endpoint,
        bucket,
        accessKey,
        secretKey,
        region,
        connectTimeout.compareTo(limit) < 0 ? connectTimeout : limit,
        ioTimeout.compareTo(limit) < 0 ? ioTimeout : limit,
        caFile,
        createBucket);
  }

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
