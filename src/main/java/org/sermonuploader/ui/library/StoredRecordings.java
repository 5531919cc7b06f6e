package org.sermonuploader.ui.library;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.stage.Window;
import org.sermonuploader.app.Library;
import org.sermonuploader.app.MediaSources;
import org.sermonuploader.config.Settings;
import org.sermonuploader.model.UploadListener;
import org.sermonuploader.ui.Background;
import org.sermonuploader.ui.UploadBackend;
import org.sermonuploader.ui.history.HistoryView;

/**
 * The window's part for recordings already stored: Verify and Save a copy… under the history, the
 * offer to move what the local store kept to the server, and the warning when that fills the disk.
 */
public final class StoredRecordings {
  private final LibraryPanel panel;
  private final MigrationOffer offer;
  private final DiskWarning disk;

  /**
   * @param backend the running backend, or null
   * @param queue sees the uploads of a move to the server
   * @param tell shows news in the window's notice line
   */
  public StoredRecordings(
      HistoryView history,
      Supplier<UploadBackend> backend,
      Background background,
      Executor ui,
      UploadListener queue,
      Consumer<String> tell,
      Supplier<Window> owner,
      BooleanSupplier kiosk) {
    Supplier<Optional<Library>> library =
        () -> {
          UploadBackend b = backend.get();
          return b == null ? Optional.empty() : b.service().map(Library::new);
        };
    Supplier<List<Path>> stickRoots =
        () -> {
          UploadBackend b = backend.get();
          Settings s = b == null || b.settings() == null ? Settings.defaults() : b.settings();
          return MediaSources.stickRoots(s);
        };
    panel =
        new LibraryPanel(
            history,
            library,
            background,
            ui,
            new SaveTargets(
                owner,
                kiosk,
                stickRoots,
                Path.of(System.getProperty("user.home")),
                background,
                ui));
    disk = new DiskWarning(library, background, ui);
    offer =
        new MigrationOffer(
            library,
            background,
            ui,
            queue,
            tell,
            () -> {
              history.refresh();
              panel.refreshChecks();
              disk.check();
            });
    history.getChildren().add(panel);
  }

  /** A backend was opened: offer the move, look at the disk, show the kept checks. */
  public void backendReady() {
    offer.check();
    disk.check();
    panel.refreshChecks();
  }

  /** An upload ended: the disk may have filled. */
  public void uploadFinished() {
    disk.check();
  }

  public LibraryPanel panel() {
    return panel;
  }

  public MigrationOffer offer() {
    return offer;
  }

  public DiskWarning disk() {
    return disk;
  }
}
