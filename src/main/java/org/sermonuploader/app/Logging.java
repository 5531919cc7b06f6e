package org.sermonuploader.app;

import java.nio.file.Path;

/** Points the log file at the data directory before the first logger is made. */
public final class Logging {
  private Logging() {}

  public static void init(Path dataDir) {
    if (System.getProperty("sermon.logdir") == null) {
      System.setProperty("sermon.logdir", dataDir.resolve("logs").toString());
    }
  }
}
