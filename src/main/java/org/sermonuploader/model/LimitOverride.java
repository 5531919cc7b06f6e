package org.sermonuploader.model;

/** A one-tap setting aside of the bandwidth timetable, for two hours. */
public enum LimitOverride {
  /** Uploads held to the livestream limit so a livestream keeps the line. */
  LIVESTREAM,
  /** Uploads at full speed whatever the timetable says. */
  FULL_SPEED
}
