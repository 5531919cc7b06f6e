package org.sermonuploader.model;

import java.util.Locale;

/** What a station is doing, in the words every station shows for it. */
public enum StationState {
  IDLE("idle", false),
  UPLOADING("uploading", false),
  PAUSED("paused", false),
  PAUSED_LOW_MEMORY("paused: low memory", true),
  WAITING_FOR_SERVER("waiting for the server", false),
  /** An upload failed and nobody has retried or removed it yet. */
  FAILING("failing", true),
  /** The station was closed cleanly. */
  STOPPED("stopped", false);

  private final String words;
  private final boolean problem;

  StationState(String words, boolean problem) {
    this.words = words;
    this.problem = problem;
  }

  public String words() {
    return words;
  }

  /** Whether someone should look at the station. */
  public boolean problem() {
    return problem;
  }

  /** The state a heartbeat names by its words; an unknown word (a newer version's) is idle. */
  public static StationState fromWords(String words) {
    String w = words.strip().toLowerCase(Locale.ROOT);
    for (StationState s : values()) if (s.words.equals(w)) return s;
    return IDLE;
  }
}
