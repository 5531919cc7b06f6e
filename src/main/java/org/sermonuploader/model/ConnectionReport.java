package org.sermonuploader.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The answer to "Test connection": each check in plain words, and whether all passed. */
public record ConnectionReport(List<Check> checks) {

  /**
   * One check and its outcome.
   *
   * @param waitingMayHelp for a failed check: the server does not answer yet (down, restarting, a
   *     stalled connection), so trying again later may succeed; false for what only a change of
   *     settings or server fixes
   */
  public record Check(Kind what, boolean ok, String message, boolean waitingMayHelp) {
    /** What a check looks at; each face words them its own way. */
    public enum Kind {
      SERVER,
      CREDENTIALS,
      BUCKET,
      WRITE,
      /** Whether chunks get through when sent as POST with X-HTTP-Method-Override (tus). */
      METHOD_OVERRIDE
    }

    public Check(Kind what, boolean ok, String message) {
      this(what, ok, message, false);
    }
  }

  public boolean ok() {
    return checks.stream().allMatch(Check::ok);
  }

  /** The first failed check's message, or null. */
  public @Nullable String firstProblem() {
    return checks.stream().filter(c -> !c.ok()).map(Check::message).findFirst().orElse(null);
  }

  /** Whether the first failed check is one that waiting for the server may fix. */
  public boolean waitingMayHelp() {
    return checks.stream()
        .filter(c -> !c.ok())
        .findFirst()
        .map(Check::waitingMayHelp)
        .orElse(false);
  }
}
