package org.sermonuploader.model;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Optional details a volunteer may type for a recording; any field may be null. */
public record SermonDetails(
    @Nullable String title,
    @Nullable String speaker,
    @Nullable LocalDate date,
    @Nullable String series) {
  public static final SermonDetails NONE = new SermonDetails(null, null, null, null);

  private static final Pattern DATE_IN_NAME =
      Pattern.compile("(20\\d\\d)[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\\d|3[01])");

  public SermonDetails withDate(LocalDate d) {
    return new SermonDetails(title, speaker, d, series);
  }

  /** The sermon date when nobody typed one: a date in the file name, else the file's mtime. */
  public static LocalDate defaultDate(Path path, long mtime) {
    Matcher m = DATE_IN_NAME.matcher(path.getFileName().toString());
    if (m.find()) {
      try {
        return LocalDate.of(
            Integer.parseInt(m.group(1)),
            Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3)));
      } catch (java.time.DateTimeException ignored) {
        // not a real date: fall through to the mtime
      }
    }
    return Instant.ofEpochMilli(mtime == 0 ? System.currentTimeMillis() : mtime)
        .atZone(ZoneId.systemDefault())
        .toLocalDate();
  }
}
