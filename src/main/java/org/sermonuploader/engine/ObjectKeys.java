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

  private static String limit(String key) {
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_KEY_BYTES) return key;
    // keep the extension, cut the middle of the name on a character boundary
    int dot = key.lastIndexOf('.');
    String ext = dot > key.lastIndexOf('/') ? key.substring(dot) : "";
    String head = key.substring(0, key.length() - ext.length());
    while (head.getBytes(StandardCharsets.UTF_8).length + ext.getBytes(StandardCharsets.UTF_8).length
        > MAX_KEY_BYTES - 1) {
      head = head.substring(0, head.offsetByCodePoints(head.length(), -1));
    }
    return head + ext;
  }

  private static String blankTo(String v, String fallback) {
    return v == null || v.isBlank() ? fallback : v.strip();
  }
}
