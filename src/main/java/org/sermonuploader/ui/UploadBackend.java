package org.sermonuploader.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.sermonuploader.app.LeftoverCleanup;
import org.sermonuploader.app.MediaSources;
import org.sermonuploader.app.UploadService;
import org.sermonuploader.config.InvalidSettingException;
import org.sermonuploader.config.Settings;
import org.sermonuploader.engine.UploadEngine;
import org.sermonuploader.memory.MemoryMonitor;
import org.sermonuploader.usb.StickOfferListener;
import org.sermonuploader.usb.UsbUploads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

  /**
   * The memory monitor that pauses the engine; the gauge shows its level. Empty when there is none.
   */
  default Optional<MemoryMonitor> memory() {
    return Optional.empty();
  }

  /**
   * Runs once before the engine starts, off the FX thread (removes the due leftovers on the
   * server). Returns what to tell the user.
   */
  default List<String> beforeStart() {
    return List.of();
  }

  /**
   * Runs once the engine runs, off the FX thread: starts watching for USB sticks and the watch
   * folder, with the listener {@code dialogs} makes for the stick offers. Returns what to tell the
   * user.
   */
  default List<String> startSources(Function<UsbUploads, StickOfferListener> dialogs) {
    return List.of();
  }

  @Override
  void close();

  /** Opens a backend; called off the FX thread. */
  interface Opener {
    UploadBackend open() throws Exception;
  }

  static UploadBackend of(UploadService service) {
    Logger log = LoggerFactory.getLogger(UploadBackend.class);
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
      public Optional<MemoryMonitor> memory() {
        return service.memory();
      }

      @Override
      public List<String> beforeStart() {
        try {
          return LeftoverCleanup.removeDue(service);
        } catch (InvalidSettingException e) {
          log.warn("Leftovers not checked: {}", e.getMessage());
          return List.of("Unfinished uploads on the server were not checked: " + e.getMessage());
        }
      }

      @Override
      public List<String> startSources(Function<UsbUploads, StickOfferListener> dialogs) {
        List<String> out = new ArrayList<>();
        try {
          MediaSources sources = MediaSources.open(service);
          StickOfferListener l = dialogs.apply(sources.usb());
          if (l != null) sources.usb().addListener(l);
          sources.start();
        } catch (RuntimeException e) {
          // a bad watch folder setting must not stop uploads from a drop
          log.error("USB sticks and the watch folder are not watched", e);
          out.add("USB sticks and the watch folder are not watched: " + e.getMessage());
        }
        return out;
      }

      @Override
      public void close() {
        service.close();
      }
    };
  }
}
