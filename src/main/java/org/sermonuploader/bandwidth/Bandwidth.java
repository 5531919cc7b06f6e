package org.sermonuploader.bandwidth;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.jspecify.annotations.Nullable;

/**
 * The app's bandwidth limit as it stands: the timetable from the settings, read against the
 * station's clock at every moment of sending (so an entry change bites within a second, also in the
 * middle of a part), and an override a volunteer may set for a while without opening Settings.
 */
public final class Bandwidth {
  /** How long a tap on "Livestream now" or "Full speed now" sets the timetable aside. */
  public static final Duration OVERRIDE_PERIOD = Duration.ofHours(2);

  /**
   * LIVESTREAM_LIMIT when it is not set: 256 KiB/s is about 2 Mbit/s, which leaves 3 Mbit/s of a
   * small 5 Mbit/s church uplink to the stream.
   */
  public static final String DEFAULT_LIVESTREAM = "256K";

  private final Clock clock;
  private volatile BandwidthSchedule schedule;
  private volatile RatePair livestream = RatePair.parse(DEFAULT_LIVESTREAM);
  private volatile @Nullable Hold hold;
  private final SendThrottle sending;
  private final SendThrottle receiving;

  /** Why the timetable is set aside for now. */
  public enum OverrideKind {
    /** Uploads held back to the livestream rate. */
    LIVESTREAM,
    /** No limit, until the timetable's next change at the latest. */
    FULL_SPEED
  }

  private record Hold(OverrideKind kind, RatePair rates, ZonedDateTime until) {}

  public Bandwidth(BandwidthSchedule schedule, Clock clock) {
    this.schedule = schedule;
    this.clock = clock;
    this.sending = new SendThrottle(() -> inForce().up().bytesPerSecond());
    this.receiving = new SendThrottle(() -> inForce().rates().down().bytesPerSecond());
  }

  /** No limit, on the system clock. */
  public static Bandwidth unlimited() {
    return new Bandwidth(BandwidthSchedule.OFF, Clock.system(ZoneId.systemDefault()));
  }

  /** The one throttle every byte sent to a server passes through. */
  public SendThrottle throttle() {
    return sending;
  }

  /** The one throttle every byte read from a server (download, verify, migrate) passes through. */
  public SendThrottle receiveThrottle() {
    return receiving;
  }

  public BandwidthSchedule schedule() {
    return schedule;
  }

  /** A new timetable (changed in Settings); applies from the next slice of sending. */
  public void setSchedule(BandwidthSchedule schedule) {
    this.schedule = schedule;
  }

  /** The rate "Livestream now" holds uploads back to (LIVESTREAM_LIMIT). */
  public RatePair livestream() {
    return livestream;
  }

  public void setLivestream(RatePair livestream) {
    this.livestream = livestream;
  }

  /** Holds uploads back to the livestream rate for {@link #OVERRIDE_PERIOD} from now. */
  public void livestreamNow() {
    ZonedDateTime now = now();
    hold = new Hold(OverrideKind.LIVESTREAM, livestream, now.plus(OVERRIDE_PERIOD));
  }

  /**
   * Lifts the limit for {@link #OVERRIDE_PERIOD}, but never past the timetable's next change: a tap
   * at 07:00 must not run over a livestream the timetable holds back from 08:00.
   */
  public void fullSpeedNow() {
    ZonedDateTime now = now();
    ZonedDateTime until = now.plus(OVERRIDE_PERIOD);
    ZonedDateTime change = schedule.at(now).until();
    if (change != null && change.isBefore(until)) until = change;
    hold = new Hold(OverrideKind.FULL_SPEED, RatePair.UNLIMITED, until);
  }

  /**
   * Keeps the override {@code previous} holds (the uploader was reopened with other settings): a
   * livestream tapped on before must not lose its line to a changed server address.
   */
  public void keepOverrideOf(Bandwidth previous) {
    Hold h = previous.hold;
    if (h != null && now().isBefore(h.until())) hold = h;
  }

  /** Back to the timetable. */
  public void clearOverride() {
    hold = null;
  }

  /** What sets the timetable aside now, or null when the timetable applies. */
  public @Nullable OverrideKind override() {
    Hold h = hold;
    return h != null && now().isBefore(h.until()) ? h.kind() : null;
  }

  public boolean overridden() {
    return override() != null;
  }

  /** The station's time, as the timetable reads it. */
  public ZonedDateTime now() {
    return ZonedDateTime.now(clock);
  }

  /** What applies now and until when. */
  public LimitInForce inForce() {
    ZonedDateTime now = now();
    Hold h = hold;
    if (h != null && now.isBefore(h.until())) return new LimitInForce(h.rates(), h.until());
    return schedule.at(now);
  }
}
