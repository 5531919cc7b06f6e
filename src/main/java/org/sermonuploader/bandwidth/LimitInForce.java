package org.sermonuploader.bandwidth;

import java.time.ZonedDateTime;
import org.jspecify.annotations.Nullable;

/**
 * The limits that apply now, and when they next change ({@code until} is null when they do not).
 */
public record LimitInForce(RatePair rates, @Nullable ZonedDateTime until) {
  public Rate up() {
    return rates.up();
  }
}
