package org.sermonuploader.ui.library;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.sermonuploader.app.DownloadRecording;
import org.sermonuploader.app.Failure;
import org.sermonuploader.app.Library;
import org.sermonuploader.app.VerifyRecordings;
import org.sermonuploader.model.HistoryEntry;
import org.sermonuploader.ui.Background;
import org.sermonuploader.ui.history.HistoryView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history's actions on stored recordings: read one or all back (Verify), and Save a copy…. One
 * runs at a time, in the background, with a progress bar; each check's result shows in its row.
 */
public final class LibraryPanel extends HBox {
  private static final Logger log = LoggerFactory.getLogger(LibraryPanel.class);

  /** A verify run's finished checks, so a stopped run of the window continues. */
  static final String PROGRESS_FILE = "verify-progress-window.tsv";

  /** A copy that failed says so first: the rest of a long line may be cut on a small screen. */
  static final String NOT_SAVED = "Not saved: ";

  private final HistoryView history;
  private final Supplier<Optional<Library>> library;
  private final Background background;
  private final Executor ui;
  private final SaveTarget target;
  private final ProgressBar bar = new ProgressBar(0);
  private final Label status = new Label();
  private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
  private final AtomicReference<Runnable> pendingProgress = new AtomicReference<>();

  public LibraryPanel(
      HistoryView history,
      Supplier<Optional<Library>> library,
      Background background,
      Executor ui,
      SaveTarget target) {
    this.history = history;
    this.library = library;
    this.background = background;
    this.ui = ui;
    this.target = target;
    getStyleClass().add("library-panel");
    setSpacing(8);
    setAlignment(Pos.CENTER_LEFT);
    Button verify = new Button("Verify");
    verify.setId("verify-one");
    verify
        .disableProperty()
        .bind(busy.or(history.table().getSelectionModel().selectedItemProperty().isNull()));
    verify.setOnAction(e -> verifySelected());
    Button verifyAll = new Button("Verify all");
    verifyAll.setId("verify-all");
    verifyAll.disableProperty().bind(busy);
    verifyAll.setOnAction(e -> verify(List.of()));
    Button save = new Button("Save a copy…");
    save.setId("save-copy");
    save.disableProperty().bind(verify.disableProperty());
    save.setOnAction(e -> saveSelected());
    bar.setId("library-progress");
    bar.visibleProperty().bind(busy);
    bar.managedProperty().bind(busy);
    bar.setPrefWidth(160);
    // the text beside it wraps; the bar keeps its width on the kiosk's narrow screen
    bar.setMinWidth(Region.USE_PREF_SIZE);
    status.setId("library-status");
    status.getStyleClass().add("hint");
    status.setWrapText(true);
    status.setMaxWidth(Double.MAX_VALUE);
    HBox.setHgrow(status, Priority.ALWAYS);
    for (Region r : new Region[] {verify, verifyAll, save}) r.setMinWidth(Region.USE_PREF_SIZE);
    getChildren().addAll(verify, verifyAll, save, bar, status);
  }

  /** What the panel says now (the last result, or what runs). FX thread. */
  public String statusText() {
    return status.getText();
  }

  /** Reads the kept checks in the background and shows them in the history's rows. */
  public void refreshChecks() {
    Optional<Library> l = library.get();
    if (l.isEmpty()) return;
    background.run(
        () -> {
          try {
            var checks = l.get().checks();
            String here = l.get().destination();
            boolean server = l.get().serverSetUp();
            ui.execute(() -> history.setChecks(checks, here, server));
          } catch (Exception e) {
            log.warn("The checks could not be read", e);
          }
        });
  }

  private void verifySelected() {
    HistoryEntry h = history.table().getSelectionModel().getSelectedItem();
    if (h != null && h.key() != null) verify(List.of(h.key()));
  }

  /** Reads {@code keys} back, or every recording with none. */
  public void verify(List<String> keys) {
    Optional<Library> l = library.get();
    if (l.isEmpty() || busy.get()) return;
    begin(keys.isEmpty() ? "Checking every stored recording…" : "Checking " + keys.get(0) + "…");
    AtomicInteger done = new AtomicInteger();
    background.run(
        () -> {
          String end;
          try {
            VerifyRecordings.Outcome o =
                new VerifyRecordings(l.get().service(), Clock.systemUTC())
                    .run(
                        new VerifyRecordings.Request(keys, PROGRESS_FILE),
                        new VerifyRecordings.Lines() {
                          @Override
                          public void reading(String key, long at, long size) {
                            progress(
                                size == 0 ? 1 : (double) at / size,
                                "Checking "
                                    + key
                                    + (done.get() == 0 ? "" : " (" + done.get() + " checked)"));
                          }

                          @Override
                          public void checked(String line) {
                            done.incrementAndGet();
                            refreshChecks();
                          }
                        },
                        note -> log.warn("Verify: {}", note));
            end = o.summary();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end = "The check was stopped.";
          } catch (Exception e) {
            log.warn("Verify stopped", e);
            end =
                "The check stopped: "
                    + Failure.of(e).words()
                    + " What was checked is kept; Verify again continues from there.";
          }
          log.info("Verify: {}", end);
          finish(end);
          refreshChecks();
        });
  }

  private void saveSelected() {
    HistoryEntry h = history.table().getSelectionModel().getSelectedItem();
    if (h == null || h.key() == null || library.get().isEmpty()) return;
    target.choose(
        DownloadRecording.defaultFile(h.key()).getFileName().toString(),
        file -> save(h.key(), file));
  }

  /** Saves a copy of {@code key} as {@code file} in the background. */
  public void save(String key, Path file) {
    Optional<Library> l = library.get();
    if (l.isEmpty() || busy.get()) return;
    String name = file.getFileName().toString();
    begin("Saving a copy of " + name + "…");
    background.run(
        () -> {
          String end;
          try {
            DownloadRecording.Saved o =
                new DownloadRecording(l.get().service())
                    .save(
                        new DownloadRecording.Request(key, file),
                        (at, size) ->
                            progress(
                                size == 0 ? 1 : (double) at / size,
                                "Saving a copy of " + name + " to " + file.getParent()));
            log.info("Save a copy of {}: {}", key, o.message());
            end = words(o, name, file);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end = NOT_SAVED + "the copy was stopped.";
          } catch (Exception e) {
            Failure f = Failure.of(e);
            if (f.fromServer()) {
              log.warn("Save a copy of {} stopped", key, e);
              end =
                  NOT_SAVED
                      + "the copy of "
                      + name
                      + " stopped: "
                      + f.words()
                      + " What was saved so far is kept; Save a copy again to continue.";
            } else {
              log.warn("Save a copy of {} failed", key, e);
              end = NOT_SAVED + name + " could not be written to " + file.getParent() + ".";
            }
          }
          finish(end);
        });
  }

  /** The outcome in plain words; the SHA-256 figures are in the log. */
  private static String words(DownloadRecording.Saved o, String name, Path file) {
    return switch (o.ending()) {
      case SAVED -> "Saved a copy of " + name + " as " + file + ".";
      case DIFFERS ->
          NOT_SAVED
              + "the copy of "
              + name
              + " is not the same as the recording that was uploaded, so it was not finished. The"
              + " partial copy is kept as "
              + o.file()
              + ".";
      case MISSING -> NOT_SAVED + name + " is not on the server any more.";
      case FILE_EXISTS -> NOT_SAVED + o.message() + " Choose another name or place.";
      case NO_ROOM -> NOT_SAVED + o.message();
    };
  }

  private void begin(String text) {
    busy.set(true);
    bar.setProgress(0);
    status.setText(text);
  }

  /** At most one update waits for the FX thread, whatever the rate of reads. */
  private void progress(double fraction, String text) {
    Runnable update =
        () -> {
          bar.setProgress(fraction);
          status.setText(text);
        };
    if (pendingProgress.getAndSet(update) == null) {
      ui.execute(
          () -> {
            Runnable latest = pendingProgress.getAndSet(null);
            if (latest != null && busy.get()) latest.run();
          });
    }
  }

  private void finish(String text) {
    ui.execute(
        () -> {
          pendingProgress.set(null);
          busy.set(false);
          status.setText(text);
        });
  }

  /** Asks where a copy goes: {@code chosen} gets the file, or is not called when cancelled. */
  public interface SaveTarget {
    void choose(String suggestedName, Consumer<Path> chosen);
  }
}
