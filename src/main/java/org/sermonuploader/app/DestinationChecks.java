package org.sermonuploader.app;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.engine.ObjectKeys;
import org.sermonuploader.engine.ServerAddress;
import org.sermonuploader.engine.s3.S3Config;
import org.sermonuploader.engine.tus.TusConfig;
import org.sermonuploader.model.SermonDetails;

/**
 * The checks a face runs on the destination's values as they are typed, before anything is saved:
 * the same ones the uploader runs when it opens, so the form refuses what the uploader would.
 */
public final class DestinationChecks {
  private DestinationChecks() {}

  /** What is wrong with a tus server's address (to follow "The address "), or null. */
  public static @Nullable String tusEndpointProblem(String endpoint) {
    return TusConfig.checkEndpoint(endpoint);
  }

  /**
   * Checks the tus headers, one "Name: value" a line.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static void checkTusHeaders(String lines) {
    TusConfig.parseHeaders(lines);
  }

  /** Why an S3 server's address may not carry a user name or password in it, or null. */
  public static @Nullable String serverAddressProblem(String endpoint) {
    return ServerAddress.hasUserInfo(endpoint) ? S3Config.USER_INFO_PROBLEM : null;
  }

  /**
   * The key a recording would be stored under with this prefix, template and station.
   *
   * @throws IllegalArgumentException or {@link org.sermonuploader.config.InvalidSettingException}
   *     saying what is wrong with the prefix or template
   */
  public static String exampleKey(
      String prefix,
      @Nullable String template,
      String station,
      String fileName,
      SermonDetails details,
      LocalDate date) {
    return new ObjectKeys(prefix, template, station).keyFor(fileName, details, date);
  }
}
