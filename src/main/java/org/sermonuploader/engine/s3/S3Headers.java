package org.sermonuploader.engine.s3;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What S3 requests and answers carry in their headers: an object's user metadata, percent-encoded
 * where it is not ASCII, and ETags, which servers quote or not.
 */
final class S3Headers {
  static final String META = "X-Amz-Meta-";

  private S3Headers() {}

  /** An ETag as servers quote it or not, compared without the quotes. */
  static @Nullable String etag(@Nullable String raw) {
    if (raw == null || raw.isEmpty()) return null;
    return raw.startsWith("\"") && raw.endsWith("\"") && raw.length() > 1
        ? raw.substring(1, raw.length() - 1)
        : raw;
  }

  /** The headers that carry {@code metadata} with the object; more may be added to them. */
  static Map<String, String> metadata(Map<String, String> metadata) {
    Map<String, String> h = new LinkedHashMap<>();
    metadata.forEach((k, v) -> h.put(META + k, encode(v)));
    return h;
  }

  /** Header values must be ASCII: names with accents or emoji are percent-encoded. */
  static String encode(String value) {
    boolean ascii = value.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '%');
    return ascii ? value : URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String decode(String value) {
    return value.contains("%")
        ? URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8)
        : value;
  }
}
