package org.sermonuploader.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.app.MemoryWatch;
import org.sermonuploader.app.ServerChange;
import org.sermonuploader.app.StickUploads;
import org.sermonuploader.app.UploadQueue;
import org.sermonuploader.app.UploadService;
import org.sermonuploader.config.Settings;
import org.sermonuploader.model.StickOfferListener;

/**
 * What the window runs on: an upload queue, and notices to show once. Usually an {@link
 * UploadService}; tests hand in the queue of an engine with a controllable transfer.
 */
public interface UploadBackend extends AutoCloseable {
  UploadQueue queue();

  /** Things to tell the user once (embedded store in use, journal recovered). */
  List<String> notices();

  /** The settings the backend was made from, or null when it was not made from settings. */
  Settings settings();

  /**
   * The memory monitor that pauses the engine; the gauge shows its level. Empty when there is none.
   */
  default Optional<MemoryWatch> memory() {
    return Optional.empty();
  }

  /**
   * Starts uploading, off the FX thread: for a service, removes the due leftovers on the server,
   * starts the engine, then watches for USB sticks and the watch folder, with the listener {@code
   * stickOffers} makes for the stick offers. Returns what to tell the user.
   */
  List<String> start(Function<StickUploads, StickOfferListener> stickOffers) throws Exception;

  /**
   * Where news that comes after {@link #start} returned goes (a station heartbeat's "another
   * station uses this name"), from whatever thread it arises on.
   */
  default void setLateNotices(Consumer<String> late) {}

  /** The service behind the engine, for reading stored recordings back; empty in tests. */
  default Optional<UploadService> service() {
    return Optional.empty();
  }

  @Override
  void close();

  /**
   * How many files have begun uploading to this backend's server and are not finished: they cannot
   * go on on another server. Reads the journal: off the FX thread.
   */
  default int begunUploads() throws Exception {
    return 0;
  }

  /**
   * Closes before a change of server: the begun uploads are aborted on this server and start at 0
   * on the next one.
   */
  default void closeStartingOver() {
    close();
  }

  /** Opens a backend; called off the FX thread. */
  interface Opener {
    UploadBackend open() throws Exception;
  }

  static UploadBackend of(UploadService service) {
    return new UploadBackend() {
      @Override
      public UploadQueue queue() {
        return service.queue();
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
      public Optional<MemoryWatch> memory() {
        return MemoryWatch.of(service);
      }

      @Override
      public Optional<UploadService> service() {
        return Optional.of(service);
      }

      private final List<String> early = new ArrayList<>();
      private @Nullable Consumer<String> late;

      @Override
      public List<String> start(Function<StickUploads, StickOfferListener> stickOffers)
          throws Exception {
        service.startWithSources(stickOffers, this::tell);
        synchronized (early) {
          return List.copyOf(early);
        }
      }

      // called from the heartbeat's thread as well as from start
      private void tell(String line) {
        Consumer<String> l;
        synchronized (early) {
          l = late;
          if (l == null) early.add(line);
        }
        if (l != null) l.accept(line);
      }

      @Override
      public void setLateNotices(Consumer<String> late) {
        synchronized (early) {
          this.late = late;
        }
      }

      @Override
      public void close() {
        service.close();
      }

      @Override
      public int begunUploads() throws Exception {
        return ServerChange.begunUploads(service);
      }

      @Override
      public void closeStartingOver() {
        ServerChange.closeStartingOver(service);
      }
    };
  }
}
