package org.sermonuploader.model;

import java.time.Instant;

/**
 * A happening of the whole engine that a face shows once, in plain words.
 *
 * @param kind what happened
 * @param message what to tell the volunteer
 * @param at when
 */
public record EngineEvent(Kind kind, String message, Instant at) {
  public enum Kind {
    /** Java's heap ran out; new work stopped and the uploads start again from the journal. */
    OUT_OF_MEMORY,
    /** The engine took up its uploads again after running out of memory. */
    RESTARTED
  }

  public static final String OUT_OF_MEMORY_MESSAGE =
      "The app ran out of memory; it will restart its uploads.";
  public static final String RESTARTED_MESSAGE = "The uploads have started again.";
}
