package org.sermonuploader.ui.library;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.sermonuploader.ui.Background;
import org.sermonuploader.ui.kiosk.TouchDialogs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where Save a copy… writes. On the desktop, the system's save dialog; in kiosk mode, where a file
 * dialog is too fiddly for a finger, one big button per USB stick plugged in and one for the home
 * folder, under a name no file there has yet.
 */
public final class SaveTargets implements LibraryPanel.SaveTarget {
  private static final Logger log = LoggerFactory.getLogger(SaveTargets.class);

  /** A place to save to, and the free file name there. */
  public record Place(String label, Path file) {}

  private final Supplier<Window> owner;
  private final BooleanSupplier kiosk;
  private final Supplier<List<Path>> stickRoots;
  private final Path home;
  private final Background background;
  private final Executor ui;

  /**
   * @param stickRoots the folders USB sticks are mounted in (each stick a folder inside)
   */
  public SaveTargets(
      Supplier<Window> owner,
      BooleanSupplier kiosk,
      Supplier<List<Path>> stickRoots,
      Path home,
      Background background,
      Executor ui) {
    this.owner = owner;
    this.kiosk = kiosk;
    this.stickRoots = stickRoots;
    this.home = home;
    this.background = background;
    this.ui = ui;
  }

  @Override
  public void choose(String suggestedName, Consumer<Path> chosen) {
    if (!kiosk.getAsBoolean()) {
      FileChooser chooser = new FileChooser();
      chooser.setTitle("Save a copy");
      chooser.setInitialFileName(suggestedName);
      File f = chooser.showSaveDialog(owner.get());
      if (f != null) chosen.accept(f.toPath());
      return;
    }
    background.run(
        () -> {
          List<Place> places = places(stickRoots.get(), home, suggestedName);
          ui.execute(() -> showTouch(places, suggestedName, chosen));
        });
  }

  /** Each stick in {@code roots}, then the home folder, with a free name for the copy in each. */
  static List<Place> places(List<Path> roots, Path home, String name) {
    List<Place> out = new ArrayList<>();
    for (Path root : roots) {
      if (!Files.isDirectory(root)) continue;
      try (Stream<Path> sticks = Files.list(root)) {
        for (Path stick : (Iterable<Path>) sticks.sorted()::iterator) {
          if (Files.isDirectory(stick) && Files.isWritable(stick)) {
            out.add(new Place("USB stick " + stick.getFileName(), free(stick, name)));
          }
        }
      } catch (IOException e) {
        log.info("USB sticks under {} can't be listed: {}", root, e.toString());
      }
    }
    out.add(new Place("Home folder", free(home, name)));
    return out;
  }

  /**
   * {@code name} in {@code folder}, or "name (2).ext" and on while one exists; a copy that stopped
   * half-way keeps its name, so saving again continues it.
   */
  static Path free(Path folder, String name) {
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    String ext = dot > 0 ? name.substring(dot) : "";
    Path f = folder.resolve(name);
    for (int n = 2; Files.exists(f, LinkOption.NOFOLLOW_LINKS); n++) {
      f = folder.resolve(base + " (" + n + ")" + ext);
    }
    return f;
  }

  private void showTouch(List<Place> places, String name, Consumer<Path> chosen) {
    Label question = new Label("Where should the copy of " + name + " go?");
    question.setWrapText(true);
    question.getStyleClass().add("save-question");
    VBox root = new VBox(12, question);
    root.setId("save-places");
    root.getStyleClass().add("save-places");
    root.setAlignment(Pos.TOP_CENTER);
    root.setPadding(new Insets(16));
    Stage stage = TouchDialogs.stage(owner.get(), true, root, "Save a copy", 560, 420);
    for (Place p : places) {
      Button b = new Button(p.label());
      b.getStyleClass().addAll("accent", "save-place");
      b.setMaxWidth(Double.MAX_VALUE);
      b.setOnAction(
          e -> {
            stage.close();
            chosen.accept(p.file());
          });
      root.getChildren().add(b);
    }
    Button cancel = new Button("Cancel");
    cancel.setMaxWidth(Double.MAX_VALUE);
    cancel.setCancelButton(true);
    cancel.setOnAction(e -> stage.close());
    root.getChildren().add(cancel);
    stage.show();
  }
}
