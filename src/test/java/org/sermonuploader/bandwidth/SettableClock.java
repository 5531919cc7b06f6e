package org.sermonuploader.bandwidth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** A station clock the test moves by hand. */
public final class SettableClock extends Clock {
  private final ZoneId zone;
  private volatile Instant now;

  public SettableClock(ZoneId zone, String localDateTime) {
    this.zone = zone;
    set(localDateTime);
  }

  public void set(String localDateTime) {
    now = LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
  }

  public void advance(Duration d) {
    now = now.plus(d);
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId other) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Instant instant() {
    return now;
  }
}
