package org.sermonuploader.engine;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.config.InvalidSettingException;
import org.sermonuploader.config.Setting;
import org.sermonuploader.model.SermonDetails;
import org.sermonuploader.model.UnsafeCharacters;

/**
 * Builds object keys from the prefix and the key template, and makes them safe: no "..", no leading
 * "/", no control characters, no more than {@link #MAX_KEY_BYTES}. The template is rendered and
 * cleaned before the prefix is put in front, so it cannot climb out of the prefix.
 */
public final class ObjectKeys {
  public static final int MAX_KEY_BYTES = 1024;

  /** The prefix may use at most half of a key, so every name keeps room of its own. */
  public static final int MAX_PREFIX_BYTES = MAX_KEY_BYTES / 2;

  /** Longer "extensions" are just part of the name and may be cut. */
  private static final int MAX_EXTENSION_BYTES = 16;

  private static final Pattern VARIABLE = Pattern.compile("\\{([^{}]+)}");
  // dates only: the key is built from a day, so hours or minutes would have nothing to show
  private static final Pattern DATE_LETTERS = Pattern.compile("[\\-_. ]*[yMdEQw][yMdEQw\\-_. ]*");
  private static final LocalDate SAMPLE_DAY = LocalDate.of(2024, 12, 31);

  private final String prefix;
  private final String template;
  private final String station;

  public ObjectKeys(@Nullable String prefix, @Nullable String template, @Nullable String station) {
    this.prefix = cleanPrefix(prefix == null ? "" : prefix);
    if (this.prefix.getBytes(StandardCharsets.UTF_8).length > MAX_PREFIX_BYTES) {
      throw new InvalidSettingException(
          Setting.KEY_PREFIX,
          "is longer than "
              + MAX_PREFIX_BYTES
              + " bytes, which leaves too little room for the names");
    }
    if (ReservedKeys.contains(this.prefix)) {
      throw new InvalidSettingException(Setting.KEY_PREFIX, ReservedKeys.REFUSED);
    }
    this.template = template == null || template.isBlank() ? "{filename}" : template;
    this.station = station == null ? "" : station;
    validate(this.template);
    // the template's own text, after the same cleaning every key gets; names and details that
    // would do the same are moved out at upload time (see keyFor)
    for (String sample : List.of("recording.wav", "recording")) {
      if (ReservedKeys.contains(render(sample, SermonDetails.NONE, SAMPLE_DAY))) {
        throw new InvalidSettingException(Setting.KEY_TEMPLATE, ReservedKeys.REFUSED);
      }
    }
  }

  /** The cleaned prefix every key starts with: "" or a path ending in "/". */
  public String prefix() {
    return prefix;
  }

  /** Throws IllegalArgumentException naming the first variable the template cannot fill. */
  public static void validate(String template) {
    Matcher m = VARIABLE.matcher(template);
    while (m.find()) {
      String v = m.group(1);
      if (!isKnown(v))
        throw new IllegalArgumentException(
            "unknown placeholder {"
                + v
                + "}; use {filename} {name} {ext}"
                + " {date} {title} {speaker} {series} {station} or a date such as {yyyy} {MM} {dd}");
    }
    if (!template.contains("{filename}")
        && !template.contains("{name}")
        && !template.contains("{title}")) {
      throw new IllegalArgumentException(
          "the template needs {filename}, {name} or {title} so keys differ");
    }
  }

  private static boolean isKnown(String v) {
    return switch (v) {
      case "filename", "name", "ext", "date", "title", "speaker", "series", "station" -> true;
      default -> DATE_LETTERS.matcher(v).matches() && formatsADay(v);
    };
  }

  private static boolean formatsADay(String pattern) {
    try {
      // formatting a sample day is what tells a usable pattern from one that throws
      String unused = SAMPLE_DAY.format(DateTimeFormatter.ofPattern(pattern, Locale.ROOT));
      return true;
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      return false;
    }
  }

  /** The key for a file name, its sermon details and the date that applies to it. */
  public String keyFor(String fileName, @Nullable SermonDetails details, @Nullable LocalDate date) {
    String key = render(fileName, details, date);
    // only a file or sermon detail named ".sermon-uploader" gets here (the settings were
    // checked): such a recording must not land among the app's own records
    return ReservedKeys.contains(key) ? limit("_" + key) : key;
  }

  private String render(
      String fileName, @Nullable SermonDetails details, @Nullable LocalDate date) {
    SermonDetails d = details == null ? SermonDetails.NONE : details;
    LocalDate day =
        d.date() != null ? d.date() : date != null ? date : LocalDate.now(ZoneId.systemDefault());
    int dot = fileName.lastIndexOf('.');
    String name = dot > 0 ? fileName.substring(0, dot) : fileName;
    String ext = dot > 0 ? fileName.substring(dot) : "";
    Matcher m = VARIABLE.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = m.group(1);
      String value =
          switch (v) {
            case "filename" -> fileName;
            case "name" -> name;
            case "ext" -> ext;
            case "date" -> day.toString();
            case "title" -> blankTo(d.title(), name);
            case "speaker" -> blankTo(d.speaker(), "unknown speaker");
            case "series" -> blankTo(d.series(), "");
            case "station" -> station;
            default -> day.format(DateTimeFormatter.ofPattern(v, Locale.ROOT));
          };
      // a value may not add path segments of its own
      m.appendReplacement(
          out, Matcher.quoteReplacement(value.replace('/', '-').replace('\\', '-')));
    }
    m.appendTail(out);
    return limit(prefix + sanitize(out.toString()));
  }

  /**
   * The key with " (n)" before the extension, for a name that is already taken; the name is cut to
   * make room when the key would get longer than {@link #MAX_KEY_BYTES}.
   */
  public static String numbered(String key, int n) {
    String ext = extension(key);
    String head = key.substring(0, key.length() - ext.length());
    String suffix = " (" + n + ")";
    int slash = head.lastIndexOf('/');
    String dir = head.substring(0, slash + 1);
    String name = head.substring(slash + 1);
    int room =
        Math.min(MAX_KEY_BYTES - utf8Length(dir), MAX_SEGMENT_BYTES)
            - utf8Length(suffix)
            - utf8Length(ext);
    return dir + cutToBytes(name, room) + suffix + ext;
  }

  /**
   * Removes control characters (C0, DEL, C1, line separators), direction overrides that can
   * disguise an extension, broken surrogates, "." and ".." segments, empty segments and leading
   * slashes; backslashes count as slashes.
   */
  public static String sanitize(String raw) {
    String joined = segments(raw);
    return joined.isEmpty() ? "unnamed" : joined;
  }

  private static String segments(String raw) {
    StringBuilder clean = new StringBuilder();
    raw.codePoints().filter(c -> !UnsafeCharacters.unsafe(c)).forEach(clean::appendCodePoint);
    List<String> segments = new ArrayList<>();
    for (String seg : clean.toString().replace('\\', '/').split("/", -1)) {
      String s = seg.strip();
      if (s.isEmpty() || s.equals(".") || s.equals("..")) continue;
      segments.add(s);
    }
    return String.join("/", segments);
  }

  private static String cleanPrefix(String prefix) {
    String p = segments(prefix);
    return p.isEmpty() ? "" : p + "/";
  }

  /**
   * Servers that keep objects as files (MinIO, the local store) refuse a path segment longer than
   * the file system's 255 bytes, and answer with a server error that would be retried forever.
   */
  public static final int MAX_SEGMENT_BYTES = 200;

  /** Each segment within MAX_SEGMENT_BYTES; the last keeps its extension. */
  private static String limitSegments(String key) {
    String[] parts = key.split("/", -1);
    for (int i = 0; i < parts.length; i++) {
      if (utf8Length(parts[i]) <= MAX_SEGMENT_BYTES) continue;
      String ext = i == parts.length - 1 ? extension(parts[i]) : "";
      String head = parts[i].substring(0, parts[i].length() - ext.length());
      parts[i] = cutToBytes(head, MAX_SEGMENT_BYTES - utf8Length(ext)).strip() + ext;
    }
    return String.join("/", parts);
  }

  /** Cuts the name (never the prefix, never the extension) so the key fits in MAX_KEY_BYTES. */
  private String limit(String key) {
    key = prefix + limitSegments(key.substring(prefix.length()));
    if (utf8Length(key) <= MAX_KEY_BYTES) return key;
    String rest = key.substring(prefix.length());
    String ext = extension(rest);
    String head = rest.substring(0, rest.length() - ext.length());
    String cut =
        cutToBytes(head, MAX_KEY_BYTES - utf8Length(prefix) - utf8Length(ext)).stripTrailing();
    // the cut may leave a trailing "/" or a ".." segment behind: clean again (only ever shorter)
    return prefix + sanitize(cut + ext);
  }

  /** ".mp3" for "a/b.mp3"; "" when there is none or it is too long to be one. */
  private static String extension(String key) {
    int dot = key.lastIndexOf('.');
    if (dot <= key.lastIndexOf('/') + 1) return "";
    String ext = key.substring(dot);
    return utf8Length(ext) <= MAX_EXTENSION_BYTES && ext.indexOf(' ') < 0 ? ext : "";
  }

  /**
   * The longest start of {@code s} within {@code maxBytes} of UTF-8, ending on a character
   * boundary.
   */
  private static String cutToBytes(String s, int maxBytes) {
    int bytes = 0;
    int i = 0;
    while (i < s.length()) {
      int c = s.codePointAt(i);
      int len = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      if (bytes + len > maxBytes) break;
      bytes += len;
      i += Character.charCount(c);
    }
    return s.substring(0, i);
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static String blankTo(@Nullable String v, String fallback) {
    return v == null || v.isBlank() ? fallback : v.strip();
  }
}
