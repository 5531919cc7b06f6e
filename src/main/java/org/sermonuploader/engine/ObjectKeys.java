package org.sermonuploader.engine;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds object keys from the prefix and the key template, and makes them safe: no "..", no
 * leading "/", no control characters, no more than {@link #MAX_KEY_BYTES}. The template is
 * rendered and cleaned before the prefix is put in front, so it cannot climb out of the prefix.
 */
public final class ObjectKeys {
  public static final int MAX_KEY_BYTES = 1024;
  private static final Pattern VARIABLE = Pattern.compile("\\{([^{}]+)}");
  private static final Pattern DATE_LETTERS = Pattern.compile("[yMdHmsE\\-_. ]+");

  private final String prefix;
  private final String template;
  private final String station;

  public ObjectKeys(String prefix, String template, String station) {
    this.prefix = cleanPrefix(prefix == null ? "" : prefix);
    this.template = template == null || template.isBlank() ? "{filename}" : template;
    this.station = station == null ? "" : station;
    validate(this.template);
  }

  /** Throws IllegalArgumentException naming the first variable the template cannot fill. */
  public static void validate(String template) {
    Matcher m = VARIABLE.matcher(template);
    while (m.find()) {
      String v = m.group(1);
      if (!isKnown(v)) throw new IllegalArgumentException("unknown placeholder {" + v + "}");
    }
    if (!template.contains("{filename}") && !template.contains("{name}") && !template.contains("{title}")) {
      throw new IllegalArgumentException("the template needs {filename}, {name} or {title} so keys differ");
    }
  }

  private static boolean isKnown(String v) {
    switch (v) {
      case "filename": case "name": case "ext": case "date": case "title": case "speaker":
      case "series": case "station":
        return true;
      default:
        if (!DATE_LETTERS.matcher(v).matches()) return false;
        try {
          DateTimeFormatter.ofPattern(v);
          return true;
        } catch (IllegalArgumentException e) {
          return false;
        }
    }
  }

  /** The key for a file name, its sermon details and the date that applies to it. */
  public String keyFor(String fileName, SermonDetails details, LocalDate date) {
    SermonDetails d = details == null ? SermonDetails.NONE : details;
    LocalDate day = d.date() != null ? d.date() : date;
    int dot = fileName.lastIndexOf('.');
    String name = dot > 0 ? fileName.substring(0, dot) : fileName;
    String ext = dot > 0 ? fileName.substring(dot) : "";
    Matcher m = VARIABLE.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = m.group(1);
      String value;
      switch (v) {
        case "filename": value = fileName; break;
        case "name": value = name; break;
        case "ext": value = ext; break;
        case "date": value = day.toString(); break;
        case "title": value = blankTo(d.title(), name); break;
        case "speaker": value = blankTo(d.speaker(), "unknown speaker"); break;
        case "series": value = blankTo(d.series(), ""); break;
        case "station": value = station; break;
        default: value = day.format(DateTimeFormatter.ofPattern(v, Locale.ROOT));
      }
      // a value may not add path segments of its own
      m.appendReplacement(out, Matcher.quoteReplacement(value.replace('/', '-').replace('\\', '-')));
    }
    m.appendTail(out);
    return limit(prefix + sanitize(out.toString()));
  }

  /** The key with " (n)" before the extension, for a name that is already taken. */
  public static String numbered(String key, int n) {
    int slash = key.lastIndexOf('/');
    int dot = key.lastIndexOf('.');
    String suffix = " (" + n + ")";
    if (dot > slash + 1) return key.substring(0, dot) + suffix + key.substring(dot);
    return key + suffix;
  }

  /** Removes control characters, "." and ".." segments, empty segments and leading slashes. */
  public static String sanitize(String raw) {
    StringBuilder clean = new StringBuilder();
    raw.codePoints()
        .filter(c -> !Character.isISOControl(c) && c != 0x7f)
        .forEach(clean::appendCodePoint);
    List<String> segments = new ArrayList<>();
    for (String seg : clean.toString().replace('\\', '/').split("/")) {
      String s = seg.strip();
      if (s.isEmpty() || s.equals(".") || s.equals("..")) continue;
      segments.add(s);
    }
    String joined = String.join("/", segments);
    return joined.isEmpty() ? "unnamed" : joined;
  }

  private static String cleanPrefix(String prefix) {
    if (prefix.isBlank()) return "";
    String p = sanitize(prefix);
    return p.endsWith("/") ? p : p + "/";
  }

  /**
   * Servers that keep objects as files (MinIO, the local store) refuse a path segment longer than
   * the file system's 255 bytes, and answer with a server error that would be retried forever.
   */
  public static final int MAX_SEGMENT_BYTES = 200;

  private static String limit(String key) {
    String[] segments = key.split("/", -1);
    for (int i = 0; i < segments.length; i++) segments[i] = cut(segments[i], MAX_SEGMENT_BYTES);
    String joined = String.join("/", segments);
    return cut(joined, MAX_KEY_BYTES);
  }

  /** Shortens to at most {@code max} UTF-8 bytes on a character boundary, keeping the extension. */
  private static String cut(String text, int max) {
    if (utf8(text) <= max) return text;
    int dot = text.lastIndexOf('.');
    String ext = dot > text.lastIndexOf('/') && text.length() - dot <= 10 ? text.substring(dot) : "";
    String head = text.substring(0, text.length() - ext.length());
    while (utf8(head) + utf8(ext) > max) head = head.substring(0, head.offsetByCodePoints(head.length(), -1));
    return head.strip() + ext;
  }

  private static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static String blankTo(String v, String fallback) {
    return v == null || v.isBlank() ? fallback : v.strip();
  }
}
