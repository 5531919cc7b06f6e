package org.sermonuploader.engine;

import java.time.LocalDate;

/** Optional details a volunteer may type for a recording; any field may be null. */
public record SermonDetails(String title, String speaker, LocalDate date, String series) {
  public static final SermonDetails NONE = new SermonDetails(null, null, null, null);

  public SermonDetails withDate(LocalDate d) {
    return new SermonDetails(title, speaker, d, series);
  }
}
