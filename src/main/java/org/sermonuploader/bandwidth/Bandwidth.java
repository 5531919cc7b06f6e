package org.sermonuploader.bandwidth;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;

/**
 * The app's bandwidth limit as it stands: the timetable from the settings, read against the
 * station's clock at every moment of sending (so an entry change bites within a second, also in the
 * middle of a part), and an override a volunteer may set for a while without opening Settings.
 */
public final class Bandwidth {
  private final Clock clock;
  private volatile BandwidthSchedule schedule;
  private volatile Override override;
  private final SendThrottle throttle;

  /** A rate chosen by hand that replaces the timetable until {@code until}. */
  private record Override(RatePair rates, ZonedDateTime until) {}

  public Bandwidth(BandwidthSchedule schedule, Clock clock) {
    this.schedule = schedule;
    this.clock = clock;
    this.throttle = new SendThrottle(() -> inForce().up().bytesPerSecond());
  }

  /** No limit, on the system clock. */
  public static Bandwidth unlimited() {
    return new Bandwidth(BandwidthSchedule.OFF, Clock.systemDefaultZone());
  }

  /** The one throttle every byte sent to a server passes through. */
  public SendThrottle throttle() {
    return throttle;
  }

  public BandwidthSchedule schedule() {
    return schedule;
  }

  /** A new timetable (changed in Settings); applies from the next slice of sending. */
  public void setSchedule(BandwidthSchedule schedule) {
    this.schedule = schedule;
  }

  /** Replaces the timetable with {@code rates} for {@code period} from now. */
  public void overrideFor(RatePair rates, Duration period) {
    override = new Override(rates, ZonedDateTime.now(clock).plus(period));
  }

  /** Back to the timetable. */
  public void clearOverride() {
    override = null;
  }

  public boolean overridden() {
    Override o = override;
    return o != null && ZonedDateTime.now(clock).isBefore(o.until());
  }

  /** What applies now and until when. */
  public LimitInForce inForce() {
    ZonedDateTime now = ZonedDateTime.now(clock);
    Override o = override;
    if (o != null && now.isBefore(o.until())) return new LimitInForce(o.rates(), o.until());
    return schedule.at(now);
  }
}
