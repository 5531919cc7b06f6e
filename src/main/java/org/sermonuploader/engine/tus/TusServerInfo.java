package org.sermonuploader.engine.tus;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What a tus server announces on OPTIONS: versions, extensions, checksum algorithms, size limit.
 */
record TusServerInfo(
    Set<String> versions, Set<String> extensions, Set<String> checksumAlgorithms, long maxSize) {

  /** Used when OPTIONS did not answer: assume the core protocol and creation only. */
  static final TusServerInfo UNKNOWN = new TusServerInfo(Set.of(), Set.of(), Set.of(), -1);

  static TusServerInfo from(okhttp3.Headers h) {
    long max = -1;
    String m = h.get("Tus-Max-Size");
    if (m != null) {
      try {
        max = Long.parseLong(m.trim());
      } catch (NumberFormatException ignored) {
        // an unreadable limit is no limit we can check
      }
    }
    return new TusServerInfo(
        list(h.get("Tus-Version")),
        list(h.get("Tus-Extension")),
        list(h.get("Tus-Checksum-Algorithm")),
        max);
  }

  private static Set<String> list(String header) {
    if (header == null || header.isBlank()) return Set.of();
    return Arrays.stream(header.split(","))
        .map(s -> s.trim().toLowerCase(Locale.ROOT))
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  boolean known() {
    return !versions.isEmpty();
  }

  boolean supports(String extension) {
    return extensions.contains(extension);
  }

  /** The checksum the client sends per request: sha256 if offered, else sha1, else none. */
  @Nullable String checksumAlgorithm() {
    if (!supports("checksum")) return null;
    if (checksumAlgorithms.contains("sha256")) return "sha256";
    if (checksumAlgorithms.contains("sha1")) return "sha1";
    return null;
  }
}
