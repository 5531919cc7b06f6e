package org.sermonuploader.model;

import java.time.ZonedDateTime;
import org.jspecify.annotations.Nullable;

/**
 * The upload limit that applies now and when it next changes.
 *
 * @param upBytesPerSecond the most bytes a second the uploads send; 0 for full speed
 * @param until when the limit next changes; null when it does not
 */
public record UploadLimitNow(long upBytesPerSecond, @Nullable ZonedDateTime until) {
  /** Whether the uploads are held back at all. */
  public boolean limited() {
    return upBytesPerSecond > 0;
  }
}
