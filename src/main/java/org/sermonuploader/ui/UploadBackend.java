package org.sermonuploader.ui;

import java.util.List;
import org.sermonuploader.app.UploadService;
import org.sermonuploader.config.Settings;
import org.sermonuploader.engine.UploadEngine;

/**
 * What the window runs on: an engine, and notices to show once. Usually an {@link UploadService};
 * tests hand in an engine with a controllable transfer.
 */
public interface UploadBackend extends AutoCloseable {
  UploadEngine engine();

  /** Things to tell the user once (embedded store in use, journal recovered). */
  List<String> notices();

  /** The settings the backend was made from, or null when it was not made from settings. */
  Settings settings();

  @Override
  void close();

  /** Opens a backend; called off the FX thread. */
  interface Opener {
    UploadBackend open() throws Exception;
  }

  static UploadBackend of(UploadService service) {
    return new UploadBackend() {
      @Override
      public UploadEngine engine() {
        return service.engine();
      }

      @Override
      public List<String> notices() {
        return service.notices();
      }

      @Override
      public Settings settings() {
        return service.settings();
      }

      @Override
      public void close() {
        service.close();
      }
    };
  }
}
