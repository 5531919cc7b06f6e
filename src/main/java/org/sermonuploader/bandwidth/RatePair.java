package org.sermonuploader.bandwidth;

/** The upload and download limits of one setting or timetable entry ({@code UP:DOWN}). */
public record RatePair(Rate up, Rate down) {
  public static final RatePair UNLIMITED = new RatePair(Rate.UNLIMITED, Rate.UNLIMITED);

  /** {@code RATE} limits both ways, as in rclone; {@code UP:DOWN} each way on its own. */
  public static RatePair parse(String text) {
    int colon = text.indexOf(':');
    if (colon < 0) {
      Rate both = Rate.parse(text);
      return new RatePair(both, both);
    }
    if (text.indexOf(':', colon + 1) >= 0) {
      throw new IllegalArgumentException(
          "'" + text + "' has more than one ':' (write UP:DOWN, e.g. 4M:off)");
    }
    return new RatePair(
        Rate.parse(text.substring(0, colon)), Rate.parse(text.substring(colon + 1)));
  }

  @Override
  public String toString() {
    return up.equals(down) ? up.toString() : up + ":" + down;
  }
}
