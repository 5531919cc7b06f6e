package org.sermonuploader.engine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.sermonuploader.model.UnsafeCharacters;

/**
 * The part of every bucket the app keeps for its own records: SHA-256 markers, the connection
 * probe, and whatever later features store there. No recording may be stored inside it (a recording
 * there could be replaced by another station's record), and reading the bucket back never takes
 * anything inside it for a recording.
 *
 * <p>S3 keys are case-sensitive: only this exact spelling is the app's.
 */
public final class ReservedKeys {
  /** The app's own folder at the top of the bucket. */
  public static final String FOLDER = ".sermon-uploader";

  public static final String PREFIX = FOLDER + "/";

  /** Why a prefix or template is refused, in words for the person who set it. */
  public static final String REFUSED =
      "puts recordings inside "
          + PREFIX
          + ", which the app keeps for its own records (SHA-256 markers, the connection test);"
          + " choose another, e.g. sermons/";

  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  private ReservedKeys() {}

  /** Whether {@code key} (as the app builds keys: no leading "/") is the app's own. */
  public static boolean contains(String key) {
    return key.equals(FOLDER) || key.startsWith(PREFIX);
  }

  /**
   * One key segment that stands for {@code name} and for nothing else: "/", "\", ".", "%", "~",
   * control characters, what {@link UnsafeCharacters#unsafe(int)} refuses and spaces at either end
   * become "%XX" (UTF-8 bytes), so the segment can hold neither a slash nor "..", nor be empty or
   * "."; everything else stays readable ("pi foyer" stays "pi foyer"). A name whose segment would
   * be longer than {@link ObjectKeys#MAX_SEGMENT_BYTES} is cut and ends in "~" and 16 hex digits of
   * its SHA-256, so two names never share a segment. For names the app puts in keys of its own,
   * such as a station's name under {@code .sermon-uploader/stations/}.
   */
  public static String segment(String name) {
    if (name.isEmpty()) return "~"; // "~" alone can't come from encoding a name
    StringBuilder out = new StringBuilder();
    int[] cps = name.codePoints().toArray();
    for (int i = 0; i < cps.length; i++) {
      int c = cps[i];
      // key cleaning strips a segment's outer spaces: those are kept by escaping them
      boolean outerSpace = (i == 0 || i == cps.length - 1) && Character.isWhitespace(c);
      if (c == '/'
          || c == '\\'
          || c == '.'
          || c == '%'
          || c == '~'
          || outerSpace
          || UnsafeCharacters.unsafe(c)) {
        for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
          out.append('%').append(HEX.toHexDigits(b));
        }
      } else {
        out.appendCodePoint(c);
      }
    }
    String s = out.toString();
    if (s.getBytes(StandardCharsets.UTF_8).length <= ObjectKeys.MAX_SEGMENT_BYTES) return s;
    String tail = "~" + HexFormat.of().formatHex(sha256(name), 0, 8);
    return cut(s, ObjectKeys.MAX_SEGMENT_BYTES - tail.length()) + tail;
  }

  /** The name a segment made by {@link #segment(String)} stands for; long cut names excepted. */
  public static String name(String segment) {
    if (segment.equals("~")) return "";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < segment.length(); ) {
      char c = segment.charAt(i);
      if (c == '%' && i + 3 <= segment.length()) {
        bytes.write(HexFormat.fromHexDigits(segment, i + 1, i + 3));
        i += 3;
      } else {
        int cp = segment.codePointAt(i);
        byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
        i += Character.charCount(cp);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** The longest start within {@code maxBytes} of UTF-8 that does not split a "%XX" escape. */
  private static String cut(String s, int maxBytes) {
    int bytes = 0;
    int i = 0;
    while (i < s.length()) {
      int step = s.charAt(i) == '%' ? 3 : Character.charCount(s.codePointAt(i));
      int len = s.substring(i, i + step).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + len > maxBytes) break;
      bytes += len;
      i += step;
    }
    return s.substring(0, i);
  }

  private static byte[] sha256(String name) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
