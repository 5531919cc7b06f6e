package org.sermonuploader.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import org.sermonuploader.model.UploadExpectation;

/** EXPECT_UPLOAD and EXPECT_WITHIN read together. */
public final class ExpectedUploads {
  private ExpectedUploads() {}

  /**
   * When this station's recordings are expected, read on {@code zone} (the station's clock); empty
   * when EXPECT_UPLOAD is not set. A wrong value throws {@link InvalidSettingException}.
   */
  public static Optional<UploadExpectation> of(Settings s, ZoneId zone) {
    Optional<String> when = s.optional(Setting.EXPECT_UPLOAD);
    if (when.isEmpty()) return Optional.empty();
    Duration within;
    try {
      within = UploadExpectation.within(s.get(Setting.EXPECT_WITHIN));
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(Setting.EXPECT_WITHIN, e.getMessage());
    }
    try {
      return Optional.of(new UploadExpectation(when.get().strip(), within, zone));
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(Setting.EXPECT_UPLOAD, e.getMessage());
    }
  }
}
