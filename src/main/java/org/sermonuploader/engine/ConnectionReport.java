package org.sermonuploader.engine;

import java.util.List;

/** The answer to "Test connection": each check in plain words, and whether all passed. */
public record ConnectionReport(List<Check> checks) {

  public record Check(String what, boolean ok, String message) {}

  public boolean ok() {
    return checks.stream().allMatch(Check::ok);
  }

  /** The first failed check's message, or null. */
  public String firstProblem() {
    return checks.stream().filter(c -> !c.ok()).map(Check::message).findFirst().orElse(null);
  }
}
