package org.sermonuploader.ui;

/** Full-screen touch mode for a shared computer at the back of the church. */
final class KioskMode {
  /** The style class on the root of every kiosk scene; app.css makes its targets big. */
  static final String STYLE_CLASS = "kiosk";

  private KioskMode() {}
}
