package org.sermonuploader.ui.kiosk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.app.UploadRecordings;
import org.sermonuploader.ui.Background;

/**
 * Picking recordings with a finger: the USB sticks and the home folder as big buttons, one folder's
 * folders and recordings in rows a finger high with tick boxes, and Add / Cancel. The desktop file
 * chooser's 23 px rows are too small to hit, and without a window manager it opens off screen.
 */
public final class TouchFileChooser {
  /** A big button above the list: a USB stick or the home folder. */
  public record Place(String name, Path folder) {}

  /** One row: a folder to open or a recording to tick. */
  record Entry(Path path, boolean folder) {}

  private final Background background;
  private final Executor fx;
  private final Consumer<List<Path>> onAdd;
  private final Set<Path> ticked = new LinkedHashSet<>();
  private final VBox rows = new VBox();
  private final Label where = new Label();
  private final Button up = new Button("Up");
  private final Button add = new Button();
  private final Stage stage;
  private @Nullable Path folder;

  /**
   * @param places the first is opened at once
   * @param onAdd given the ticked recordings when the volunteer taps Add
   */
  public TouchFileChooser(
      Window owner,
      List<Place> places,
      Background background,
      Executor fx,
      Consumer<List<Path>> onAdd) {
    this.background = background;
    this.fx = fx;
    this.onAdd = onAdd;

    FlowPane placeButtons = new FlowPane(8, 8);
    for (Place p : places) {
      Button b = new Button(p.name());
      b.getStyleClass().addAll("usb-button", "chooser-place");
      b.setOnAction(e -> open(p.folder()));
      placeButtons.getChildren().add(b);
    }
    up.setId("chooser-up");
    up.setOnAction(
        e -> {
          if (folder != null) open(folder.getParent());
        });
    where.getStyleClass().add("usb-title");
    where.setMinWidth(0);
    HBox path = new HBox(8, up, where);
    path.setAlignment(Pos.CENTER_LEFT);

    rows.getStyleClass().add("usb-list");
    rows.setId("chooser-rows");
    ScrollPane scroll = new ScrollPane(rows);
    scroll.setFitToWidth(true);
    scroll.getStyleClass().add("usb-scroll");
    scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
    VBox.setVgrow(scroll, Priority.ALWAYS);

    add.setId("chooser-add");
    add.getStyleClass().addAll("usb-button", "accent");
    add.setOnAction(e -> finish());
    Button cancel = new Button("Cancel");
    cancel.setId("chooser-cancel");
    cancel.getStyleClass().add("usb-button");
    cancel.setCancelButton(true);
    cancel.setOnAction(e -> close());
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox buttons = new HBox(10, gap, cancel, add);
    buttons.setAlignment(Pos.CENTER_RIGHT);

    VBox root = new VBox(10, placeButtons, path, scroll, buttons);
    root.getStyleClass().add("usb-dialog");
    root.setId("touch-chooser");
    stage = TouchDialogs.stage(owner, true, root, "Add recordings", 780, 600);
    updateAdd();
    if (!places.isEmpty()) open(places.get(0).folder());
  }

  public void show() {
    stage.show();
  }

  public void close() {
    stage.close();
  }

  public Stage stage() {
    return stage;
  }

  private void finish() {
    List<Path> chosen = List.copyOf(ticked);
    close();
    if (!chosen.isEmpty()) onAdd.accept(chosen);
  }

  private void updateAdd() {
    int n = ticked.size();
    add.setText(n == 0 ? "Add" : n == 1 ? "Add 1 recording" : "Add " + n + " recordings");
    add.setDisable(n == 0);
  }

  /** Lists {@code dir} in the background, then shows it: a stick may be slow to read. */
  private void open(@Nullable Path dir) {
    if (dir == null) return;
    folder = dir;
    where.setText(dir.toString());
    up.setDisable(dir.getParent() == null);
    background.run(
        () -> {
          List<Entry> found = list(dir);
          fx.execute(
              () -> {
                if (dir.equals(folder)) show(found);
              });
        });
  }

  /** The folders first, then the recordings, each by name; hidden ones left out. */
  static List<Entry> list(Path dir) {
    List<Entry> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> !p.getFileName().toString().startsWith("."))
          .map(p -> new Entry(p, Files.isDirectory(p)))
          .filter(e -> e.folder() || UploadRecordings.isRecording(e.path()))
          .sorted(
              Comparator.comparing((Entry e) -> !e.folder())
                  .thenComparing(e -> e.path().getFileName().toString().toLowerCase(Locale.ROOT)))
          .forEach(out::add);
    } catch (IOException | RuntimeException e) {
      // a folder that cannot be read shows as empty, with the words below
    }
    return out;
  }

  private void show(List<Entry> found) {
    rows.getChildren().clear();
    if (found.isEmpty()) {
      Label none = new Label("No recordings or folders here.");
      none.getStyleClass().addAll("usb-meta", "usb-row");
      rows.getChildren().add(none);
    }
    for (Entry e : found) rows.getChildren().add(row(e.path(), e.folder()));
  }

  private HBox row(Path p, boolean dir) {
    Label name = new Label(p.getFileName() + (dir ? " ›" : ""));
    name.getStyleClass().add("usb-name");
    name.setMaxWidth(Double.MAX_VALUE);
    HBox.setHgrow(name, Priority.ALWAYS);
    HBox row = new HBox(12);
    row.getStyleClass().addAll("usb-row", "chooser-row");
    row.setAlignment(Pos.CENTER_LEFT);
    if (dir) {
      row.getChildren().add(name);
      row.setOnMouseClicked(e -> open(p));
    } else {
      CheckBox box = new CheckBox();
      box.getStyleClass().add("usb-check");
      box.setSelected(ticked.contains(p));
      box.selectedProperty()
          .addListener(
              (o, was, on) -> {
                if (on) ticked.add(p);
                else ticked.remove(p);
                updateAdd();
              });
      // the whole row is the target, not only the small box
      box.setMouseTransparent(true);
      row.getChildren().addAll(box, name);
      row.setOnMouseClicked(e -> box.setSelected(!box.isSelected()));
    }
    return row;
  }
}
