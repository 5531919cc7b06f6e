package org.sermonuploader.model;

/**
 * What the USB dialog listens to. Called on the "usb-uploads" thread, never on a UI thread: hand
 * the call over (Platform.runLater) before touching the window.
 */
public interface StickOfferListener {
  /**
   * A stick is in and its recordings are sorted out. Show the dialog when {@link
   * StickOffer#toChoose()} is not empty; a note when only {@link StickOffer#queuedAutomatically()}
   * has entries.
   */
  void stickOffered(StickOffer offer);

  /** The stick went away: close its dialog if it is still open. */
  void stickRemoved(Stick stick);
}
