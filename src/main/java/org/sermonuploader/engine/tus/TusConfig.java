package org.sermonuploader.engine.tus;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.engine.ServerAddress;

/**
 * Where and how to reach a tus server.
 *
 * @param endpoint the creation URL, e.g. https://uploads.example.org/files/
 * @param headers extra request headers (an Authorization token); secrets, never logged
 * @param payloadSize most bytes one PATCH request carries; a dropped request loses at most this
 * @param chunkSize bytes the client copies to the socket at a time (its one buffer)
 * @param urlStoreFile SQLite file remembering upload URLs by file fingerprint
 */
public record TusConfig(
    String endpoint,
    Map<String, String> headers,
    Duration connectTimeout,
    Duration ioTimeout,
    int payloadSize,
    int chunkSize,
    Path urlStoreFile) {

  public static final int DEFAULT_PAYLOAD_SIZE = 8 << 20;
  public static final int DEFAULT_CHUNK_SIZE = 64 << 10;

  /** The file name of the URL store inside the data directory. */
  public static final String URL_STORE_FILE = "tus-uploads.db";

  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  /** Headers the protocol sets itself; a configured value would break it. */
  private static final Set<String> RESERVED =
      Set.of(
          "tus-resumable",
          "upload-offset",
          "upload-length",
          "upload-metadata",
          "upload-checksum",
          "content-type",
          "content-length",
          "x-http-method-override",
          "expect",
          "transfer-encoding",
          "host");

  public TusConfig {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    if (payloadSize < 1) throw new IllegalArgumentException("the payload size must be positive");
    if (chunkSize < 1 || chunkSize > payloadSize) {
      throw new IllegalArgumentException("the chunk size must be between 1 and the payload size");
    }
  }

  public static TusConfig of(
      String endpoint,
      Map<String, String> headers,
      Duration connectTimeout,
      Duration ioTimeout,
      Path dataDir) {
    return new TusConfig(
        endpoint,
        headers,
        connectTimeout,
        ioTimeout,
        DEFAULT_PAYLOAD_SIZE,
        DEFAULT_CHUNK_SIZE,
        dataDir.resolve(URL_STORE_FILE));
  }

  public TusConfig withPayloadSize(int payload, int chunk) {
    return new TusConfig(
        endpoint, headers, connectTimeout, ioTimeout, payload, chunk, urlStoreFile);
  }

  /** Checks that the endpoint is an http(s) URL; the message names what is wrong. */
  public static @Nullable String checkEndpoint(String endpoint) {
    if (endpoint == null || endpoint.isBlank()) return "no tus server address is set";
    String e = endpoint.trim();
    if (ServerAddress.hasUserInfo(e)) {
      return "must not hold a user name or password (user:password@…): send credentials as a"
          + " header in TUS_HEADERS, e.g. 'Authorization: Bearer …'";
    }
    if (!e.startsWith("http://") && !e.startsWith("https://")) {
      return "must start with http:// or https:// (got '" + e + "')";
    }
    try {
      URI uri = new URI(e);
      if (uri.getHost() == null) return "has no host name (got '" + e + "')";
      uri.toURL();
    } catch (URISyntaxException | MalformedURLException | IllegalArgumentException ex) {
      return "is not a valid URL (got '" + e + "')";
    }
    return null;
  }

  /**
   * Reads headers written one per line as "Name: value". Blank lines and lines starting with # are
   * skipped. Messages never repeat a value, since values are usually tokens.
   */
  public static Map<String, String> parseHeaders(String lines) {
    Map<String, String> out = new LinkedHashMap<>();
    if (lines == null) return out;
    int number = 0;
    for (String raw : lines.split("\r?\n|\r", -1)) {
      number++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("line " + number + " is not of the form 'Name: value'");
      }
      String name = line.substring(0, colon).strip();
      String value = line.substring(colon + 1).strip();
      if (!TOKEN.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "line " + number + ": '" + name + "' is not a valid header name");
      }
      if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(
            "line " + number + ": the header " + name + " is set by the app itself");
      }
      if (value.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f)) {
        throw new IllegalArgumentException(
            "line " + number + ": the value of " + name + " has control characters");
      }
      out.put(name, value);
    }
    return out;
  }

  /** For logs: the header names only. */
  @Override
  public String toString() {
    return "TusConfig[endpoint="
        + endpoint
        + ", headers="
        + headers.keySet()
        + ", payloadSize="
        + payloadSize
        + ", chunkSize="
        + chunkSize
        + "]";
  }
}
