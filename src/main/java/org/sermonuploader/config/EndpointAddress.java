package org.sermonuploader.config;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * The one rule for a server address typed without its scheme ("127.0.0.1:9000"): http:// goes in
 * front, as a browser would, and the volunteer is told so. The window and the command line both
 * follow it, so an address that works in one works in the other.
 */
public final class EndpointAddress {
  /** What the volunteer is told when http:// was put in front. */
  public static final String ADDED_HTTP =
      "Added http:// in front. Use https:// if the server has a certificate.";

  private EndpointAddress() {}

  /**
   * The address with http:// in front when it was typed without a scheme and is a host (with an
   * optional port and path); otherwise the address as it was, for the usual checks to judge.
   */
  public static String complete(String typed) {
    String endpoint = typed.strip();
    return completes(endpoint) ? "http://" + endpoint : endpoint;
  }

  /** The same note where the address is not in view (the command line), naming the setting. */
  public static String addedHttp(Setting setting, String typed) {
    return setting.name() + " " + typed.strip() + ": " + ADDED_HTTP;
  }

  /** Whether {@link #complete} changes the address: the note {@link #ADDED_HTTP} is then due. */
  public static boolean completes(@Nullable String typed) {
    if (typed == null) return false;
    String endpoint = typed.strip();
    if (endpoint.isEmpty() || endpoint.contains("://")) return false;
    try {
      return URI.create("http://" + endpoint).getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
