package org.sermonuploader.config;

import java.nio.file.Path;
import java.util.Map;

/** Where the app keeps its journal, settings, logs and the embedded store. */
public final class AppPaths {
  private AppPaths() {}

  /**
   * SERMON_UPLOADER_HOME, else $XDG_DATA_HOME/sermon-uploader, else ~/.local/share/sermon-uploader.
   */
  public static Path dataDir(Map<String, String> env) {
    String home = env.get("SERMON_UPLOADER_HOME");
    if (home != null && !home.isBlank()) return Path.of(home);
    String xdg = env.get("XDG_DATA_HOME");
    if (xdg != null && !xdg.isBlank()) return Path.of(xdg, "sermon-uploader");
    return Path.of(System.getProperty("user.home"), ".local", "share", "sermon-uploader");
  }
}
