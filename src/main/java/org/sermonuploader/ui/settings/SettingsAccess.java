package org.sermonuploader.ui.settings;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.sermonuploader.app.UploadService;
import org.sermonuploader.config.Settings;
import org.sermonuploader.config.SettingsStore;
import org.sermonuploader.ui.UploadBackend;

/** Where the window's settings come from and go to, and how a backend is made from them. */
public interface SettingsAccess {
  /** What the settings files hold (without the environment). Reads files: off the FX thread. */
  Settings loadSaved() throws IOException;

  /** Writes the settings files atomically (the secret to the 0600 secrets file). */
  void save(Settings saved) throws IOException;

  Map<String, String> environment();

  /**
   * Opens a backend from the saved settings overlaid with the environment: the engine gated by the
   * memory monitor, with the status page and Discord when the settings ask for them.
   */
  UploadBackend.Opener opener();

  /** The real thing: the data directory's settings files and an {@link UploadService}. */
  static SettingsAccess of(Path dataDir, Map<String, String> env) {
    SettingsStore store = new SettingsStore(dataDir);
    return new SettingsAccess() {
      @Override
      public Settings loadSaved() throws IOException {
        return store.loadFiles();
      }

      @Override
      public void save(Settings saved) throws IOException {
        store.save(saved);
      }

      @Override
      public Map<String, String> environment() {
        return env;
      }

      @Override
      public UploadBackend.Opener opener() {
        return () -> UploadBackend.of(UploadService.builder(store.load(env), dataDir).open());
      }
    };
  }
}
