package org.sermonuploader.model;

/**
 * What the last look at a stored recording found: what reading it back gave, or that the copy on
 * this computer moved to the server.
 */
public enum CheckOutcome {
  OK("ok"),
  DIFFERS("differs"),
  /** Two reads of the object gave two different wrong SHA-256s: the server or the line is flaky. */
  UNSTABLE_READ("unstable read"),
  MISSING("missing"),
  NO_CHECKSUM("no checksum known"),
  /** Not read back: the copy kept on this computer was moved to the server. */
  MOVED("moved to the server");

  private final String words;

  CheckOutcome(String words) {
    this.words = words;
  }

  public String words() {
    return words;
  }

  /** Whether the recording may be damaged or lost. */
  public boolean problem() {
    return this == DIFFERS || this == UNSTABLE_READ || this == MISSING;
  }

  /** Whether reading the recording back found it (everything but {@link #MOVED}). */
  public boolean readBack() {
    return this != MOVED;
  }
}
