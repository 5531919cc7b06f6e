package org.sermonuploader.usb;

/** Told about sticks coming and going. Called on the watcher's thread: hand over to a UI thread. */
public interface StickListener {
  void stickInserted(StickInserted event);

  void stickRemoved(StickRemoved event);
}
