package org.sermonuploader.model;

/** How tight memory is. Warning pauses new parts; critical also shrinks parts in flight to one. */
public enum PressureLevel {
  NORMAL("normal"),
  WARNING("warning"),
  CRITICAL("critical");

  private final String words;

  PressureLevel(String words) {
    this.words = words;
  }

  public String words() {
    return words;
  }
}
