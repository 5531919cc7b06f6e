package org.sermonuploader.ui.shell;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.animation.Animation;
import javafx.animation.PauseTransition;
import javafx.beans.property.BooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.Duration;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.app.UploadRecordings;
import org.sermonuploader.model.Stick;
import org.sermonuploader.ui.Background;
import org.sermonuploader.ui.FxThread;
import org.sermonuploader.ui.kiosk.TouchFileChooser;
import org.sermonuploader.ui.queue.DropHandler;

/**
 * Where recordings come in: the drop zone with its words for desktop and kiosk, the file choosers
 * (the desktop ones, opening where recordings are, or the touch one in kiosk mode), and the short
 * news of what a drop added.
 */
final class DropZone {
  private final Label title = new Label();
  private final Label hint = new Label();
  private final Label message = new Label();
  private final PauseTransition messageFade = new PauseTransition(Duration.seconds(6));
  private final StackPane node;
  private final BooleanProperty kiosk;
  private final Background background;
  private final Executor fx;
  private final Supplier<List<Stick>> plugged;
  private final Supplier<Window> owner;
  private final Consumer<List<Path>> accept;
  private Picker picker = new NativePicker();
  // this start's last folder chosen from; the choosers opened on "Recent" before
  private @Nullable Path lastFolder;

  DropZone(
      BooleanProperty kiosk,
      Background background,
      Executor fx,
      Supplier<List<Stick>> plugged,
      Supplier<Window> owner,
      Consumer<List<Path>> accept) {
    this.kiosk = kiosk;
    this.background = background;
    this.fx = fx;
    this.plugged = plugged;
    this.owner = owner;
    this.accept = accept;
    title.setId("drop-title");
    title.getStyleClass().add("drop-title");
    title.setWrapText(true);
    title.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
    title.setMinHeight(Region.USE_PREF_SIZE);
    hint.getStyleClass().add("drop-hint");
    message.setId("drop-message");
    message.getStyleClass().add("drop-message");
    message.setWrapText(true);
    message.visibleProperty().bind(message.textProperty().isNotEmpty());
    message.managedProperty().bind(message.visibleProperty());
    // the kiosk's drop zone is one line: news of a drop takes the title's place for a moment
    title.visibleProperty().bind(kiosk.not().or(message.visibleProperty().not()));
    title.managedProperty().bind(title.visibleProperty());
    // on a short screen (800x480) the hint line gives its room to the queue
    hint.managedProperty().bind(hint.visibleProperty());
    VBox text = new VBox(2, title, hint, message);
    text.setAlignment(Pos.CENTER);
    node = new StackPane(text);
    node.setId("drop-zone");
    node.getStyleClass().add("drop-zone");
    node.setMinHeight(64);
    node.setOnMouseClicked(e -> chooseFiles());
    node.sceneProperty()
        .addListener(
            (o, a, scene) -> {
              if (scene != null)
                hint.visibleProperty().bind(scene.heightProperty().greaterThan(560));
            });
    messageFade.setOnFinished(e -> message.setText(""));
    kiosk.addListener((o, was, on) -> applyKiosk());
    applyKiosk();
  }

  StackPane node() {
    return node;
  }

  /** Makes all of {@code target} take drops, so a near miss of the zone itself still counts. */
  void takeDropsOn(Node target) {
    target.setOnDragOver(
        e -> {
          if (e.getDragboard().hasFiles()) e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
          e.consume();
        });
    target.setOnDragEntered(
        e -> {
          if (e.getDragboard().hasFiles()) node.getStyleClass().add("drag-over");
        });
    target.setOnDragExited(e -> node.getStyleClass().remove("drag-over"));
    target.setOnDragDropped(this::dropped);
  }

  /** Takes away the news of the last drop: newer news ("Added 1" next to a banner saying 2). */
  void clearMessage() {
    if (messageFade.getStatus() == Animation.Status.RUNNING) messageFade.stop();
    message.setText("");
  }

  void showOutcome(DropHandler.Outcome o) {
    assert FxThread.checked("The drop zone's news");
    messageFade.stop();
    message.setText(o.message());
    // "Added 2 recordings." is news only for a moment: left standing it contradicts later adds
    // (a USB stick, the watch folder); what was refused stays until the next drop
    if (kiosk.get() || (o.refused().isEmpty() && o.problem() == null)) messageFade.playFromStart();
    message.getStyleClass().remove("refused");
    if (o.refusedAll()) message.getStyleClass().add("refused");
  }

  /** The touch chooser in kiosk mode (sticks and home as big buttons), else the desktop one. */
  void chooseFiles() {
    if (kiosk.get()) {
      List<TouchFileChooser.Place> places = new ArrayList<>();
      for (Stick s : plugged.get())
        places.add(new TouchFileChooser.Place("USB stick " + s.label(), s.mountPath()));
      places.add(
          new TouchFileChooser.Place("Home folder", Path.of(System.getProperty("user.home"))));
      new TouchFileChooser(owner.get(), places, background, fx, accept).show();
      return;
    }
    List<String> patterns = new ArrayList<>();
    for (String ext : UploadRecordings.recordingEndings()) patterns.add("*." + ext);
    List<String> upper = new ArrayList<>();
    for (String p : patterns) upper.add(p.toUpperCase(Locale.ROOT));
    patterns.addAll(upper);
    List<Path> files = picker.files(owner.get(), startFolder(), patterns);
    if (files == null || files.isEmpty()) return;
    if (files.get(0).getParent() != null) lastFolder = files.get(0).getParent();
    accept.accept(files);
  }

  /**
   * A folder's recordings, as a drop of the folder adds them: the file chooser cannot hand back a
   * folder (Open on one only goes into it).
   */
  void chooseFolder() {
    Path folder = picker.folder(owner.get(), startFolder());
    if (folder == null) return;
    lastFolder = folder;
    accept.accept(List.of(folder));
  }

  /**
   * Where the choosers open: the folder last chosen from, unless a USB stick is plugged in that it
   * is not on (the stick is where new recordings are); else the home folder. Never "Recent".
   */
  Path startFolder() {
    List<Stick> sticks = plugged.get();
    Path last = lastFolder;
    if (last != null && sticks.stream().anyMatch(st -> last.startsWith(st.mountPath())))
      return last;
    if (!sticks.isEmpty()) return sticks.get(0).mountPath();
    return last != null ? last : Path.of(System.getProperty("user.home"));
  }

  /** The desktop's choosers; tests hand in their own. */
  interface Picker {
    /** The files chosen, starting in {@code start}; null or empty when none. */
    @Nullable List<Path> files(@Nullable Window owner, Path start, List<String> patterns);

    /** The folder chosen, starting in {@code start}, or null. */
    @Nullable Path folder(@Nullable Window owner, Path start);
  }

  void setPicker(Picker picker) {
    this.picker = picker;
  }

  /** The platform's choosers. */
  private static final class NativePicker implements Picker {
    @Override
    public @Nullable List<Path> files(@Nullable Window owner, Path start, List<String> patterns) {
      FileChooser chooser = new FileChooser();
      chooser.setTitle("Add recordings");
      chooser.setInitialDirectory(start.toFile());
      chooser
          .getExtensionFilters()
          .addAll(
              new FileChooser.ExtensionFilter("Recordings", patterns),
              new FileChooser.ExtensionFilter("All files", "*"));
      List<File> files = chooser.showOpenMultipleDialog(owner);
      return files == null ? null : toPaths(files);
    }

    @Override
    public @Nullable Path folder(@Nullable Window owner, Path start) {
      DirectoryChooser chooser = new DirectoryChooser();
      chooser.setTitle("Add the recordings of a folder");
      chooser.setInitialDirectory(start.toFile());
      File f = chooser.showDialog(owner);
      return f == null ? null : f.toPath();
    }
  }

  private void dropped(DragEvent e) {
    boolean ok = e.getDragboard().hasFiles();
    if (ok) accept.accept(toPaths(e.getDragboard().getFiles()));
    node.getStyleClass().remove("drag-over");
    e.setDropCompleted(ok);
    e.consume();
  }

  private void applyKiosk() {
    if (kiosk.get()) {
      // one line beside the limit's buttons at 800x480, so the queue keeps four rows
      title.setText("Tap here to add recordings");
      hint.setText("or plug in a USB stick · audio and video files: WAV, MP3, M4A, MP4 …");
    } else {
      title.setText("Drop recordings or folders here");
      hint.setText("Audio and video files (WAV, MP3, M4A, MP4 …), or use Add files");
    }
  }

  private static List<Path> toPaths(List<File> files) {
    List<Path> out = new ArrayList<>();
    for (File f : files) out.add(f.toPath());
    return out;
  }
}
