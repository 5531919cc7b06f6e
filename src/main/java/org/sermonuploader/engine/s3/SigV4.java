package org.sermonuploader.engine.s3;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * AWS Signature Version 4 for requests signed in their Authorization header. The signing key is
 * derived once a day (four HMACs) and kept; each request then costs one SHA-256 of its canonical
 * form and one HMAC. The secret stays in here: nothing this class returns or logs carries it.
 */
final class SigV4 {
  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
  static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  private static final Pattern MULTIPLE_SPACES = Pattern.compile(" {2,}");
  private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();

  private final String accessKey;
  private final byte[] secret;
  private final String region;
  private final String service;

  /** The key of one day, with a Mac set up with it to be cloned for each request. */
  private record DayKey(String day, Mac prototype) {}

  private volatile @Nullable DayKey dayKey;

  SigV4(String accessKey, String secretKey, String region, String service) {
    this.accessKey = accessKey;
    this.secret = ("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8);
    this.region = region;
    this.service = service;
  }

  /**
   * The Authorization header's value.
   *
   * @param canonicalPath the path as sent, each segment already encoded by {@link #encode}
   * @param canonicalQuery the query as sent, its pairs sorted and encoded (see {@link #query})
   * @param headers the headers to sign: lowercase names, in order, values as sent
   * @param amzDate the request's time as in x-amz-date (yyyyMMdd'T'HHmmss'Z')
   */
  String authorization(
      String method,
      String canonicalPath,
      String canonicalQuery,
      SortedMap<String, String> headers,
      String payloadHash,
      String amzDate) {
    StringBuilder canonical = new StringBuilder(512);
    canonical.append(method).append('\n').append(canonicalPath).append('\n');
    canonical.append(canonicalQuery).append('\n');
    StringBuilder signed = new StringBuilder(128);
    for (Map.Entry<String, String> h : headers.entrySet()) {
      canonical.append(h.getKey()).append(':').append(canonicalValue(h.getValue())).append('\n');
      if (signed.length() > 0) signed.append(';');
      signed.append(h.getKey());
    }
    canonical.append('\n').append(signed).append('\n').append(payloadHash);
    String day = amzDate.substring(0, 8);
    String scope = day + "/" + region + "/" + service + "/aws4_request";
    String toSign =
        ALGORITHM
            + "\n"
            + amzDate
            + "\n"
            + scope
            + "\n"
            + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    Mac mac = macFor(day);
    String signature = hex(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
    return ALGORITHM
        + " Credential="
        + accessKey
        + "/"
        + scope
        + ", SignedHeaders="
        + signed
        + ", Signature="
        + signature;
  }

  /** A header's value as signed: trimmed, each run of spaces inside it made one. */
  static String canonicalValue(String value) {
    String v = value.trim();
    return v.contains("  ") ? MULTIPLE_SPACES.matcher(v).replaceAll(" ") : v;
  }

  private Mac macFor(String day) {
    DayKey k = dayKey;
    if (k == null || !k.day().equals(day)) {
      byte[] key = hmac(secret, day);
      key = hmac(key, region);
      key = hmac(key, service);
      key = hmac(key, "aws4_request");
      k = new DayKey(day, newMac(key));
      dayKey = k;
    }
    try {
      return (Mac) k.prototype().clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("HmacSHA256 cannot be cloned here", e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    return newMac(key).doFinal(data.getBytes(StandardCharsets.UTF_8));
  }

  private static Mac newMac(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this Java", e);
    }
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java", e);
    }
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * A path segment or query word as SigV4 wants it: RFC 3986's unreserved characters kept, every
   * other byte of its UTF-8 as %XX.
   */
  static String encode(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!unreserved(s.charAt(i))) {
        StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (byte x : s.substring(i).getBytes(StandardCharsets.UTF_8)) {
          char c = (char) (x & 0xff);
          if (unreserved(c)) b.append(c);
          else b.append('%').append(HEX_UPPER[(x >> 4) & 0xf]).append(HEX_UPPER[x & 0xf]);
        }
        return b.toString();
      }
    }
    return s;
  }

  private static boolean unreserved(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_'
        || c == '.'
        || c == '~';
  }

  /** An object key as a path: each segment encoded, the slashes between them kept. */
  static String encodePath(String key) {
    StringBuilder b = new StringBuilder(key.length() + 16);
    int from = 0;
    while (true) {
      int slash = key.indexOf('/', from);
      if (slash < 0) return b.append(encode(key.substring(from))).toString();
      b.append(encode(key.substring(from, slash))).append('/');
      from = slash + 1;
    }
  }

  /** The query in canonical form, which is also the form it is sent in: sorted, encoded. */
  static String query(SortedMap<String, String> params) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, String> p : params.entrySet()) {
      if (b.length() > 0) b.append('&');
      b.append(encode(p.getKey())).append('=').append(encode(p.getValue()));
    }
    return b.toString();
  }
}
