package org.sermonuploader.bandwidth;

import java.time.ZonedDateTime;

/**
 * The limits that apply now, and when they next change ({@code until} is null when they do not).
 */
public record LimitInForce(RatePair rates, ZonedDateTime until) {
  public Rate up() {
    return rates.up();
  }
}
