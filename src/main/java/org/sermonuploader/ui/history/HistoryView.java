package org.sermonuploader.ui.history;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.app.Failure;
import org.sermonuploader.app.UploadQueue;
import org.sermonuploader.config.Units;
import org.sermonuploader.model.HistoryEntry;
import org.sermonuploader.model.RecordingCheck;
import org.sermonuploader.ui.Background;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finished uploads, kept across restarts: what went where, how big, how fast, and its SHA-256. */
public final class HistoryView extends VBox {
  private static final Logger log = LoggerFactory.getLogger(HistoryView.class);
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

  /** History lines read at a time: a few screens' worth. */
  static final int PAGE = 200;

  private final Supplier<UploadQueue> queue;
  private final Background background;
  private final ObservableList<HistoryEntry> items = FXCollections.observableArrayList();
  private boolean reading;
  private boolean readAgain;
  private boolean older;
  private boolean loadingOlder;
  private final Executor ui;
  private final TableView<HistoryEntry> table = new TableView<>();
  private final Label info = new Label();
  private final TextField shaField = new TextField();
  private final ContextMenu menu;
  private final Map<String, RecordingCheck> checks = new HashMap<>();
  private String here = "";
  private boolean server;

  public HistoryView(Supplier<UploadQueue> queue, Background background, Executor ui) {
    this.queue = queue;
    this.background = background;
    this.ui = ui;
    getStyleClass().add("history");
    setSpacing(6);
    table.setId("history-table");
    table.setPlaceholder(new Label("Finished uploads are listed here."));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
    table.setItems(items);
    // a row shown near the end of what was read asks for the next older page
    table.setRowFactory(
        t ->
            new TableRow<>() {
              @Override
              public void updateIndex(int i) {
                super.updateIndex(i);
                if (i < 0) return;
                if (i >= items.size() - PAGE / 4) loadOlder();
              }
            });
    table.getColumns().add(column("When", 125, e -> WHEN.format(e.finishedAt())));
    TableColumn<HistoryEntry, String> file = column("File", 240, HistoryEntry::fileName);
    file.setCellFactory(WrappingCell::new);
    table.getColumns().add(file);
    table.getColumns().add(column("Stored as", 240, e -> e.key() == null ? "" : e.key()));
    table.getColumns().add(column("Size", 70, e -> Units.size(e.size())));
    table.getColumns().add(column("Took", 60, e -> took(e.durationMillis())));
    table
        .getColumns()
        .add(
            column(
                "Speed", 80, e -> e.bytesPerSecond() > 0 ? Units.rate(e.bytesPerSecond()) : "–"));
    table.getColumns().add(column("Result", 110, h -> h.outcome().words()));
    // the full hash is in the line below the table; the column only tells rows apart
    TableColumn<HistoryEntry, String> sha =
        column(
            "SHA-256",
            90,
            e ->
                e.sha256() == null
                    ? ""
                    : e.sha256().substring(0, Math.min(8, e.sha256().length())) + "…");
    sha.getStyleClass().add("sha-column");
    table.getColumns().add(sha);
    TableColumn<HistoryEntry, String> checked = column("Checked", 235, this::checkText);
    checked.setId("checked-column");
    table.getColumns().add(checked);
    table.getColumns().add(column("Where", 110, this::where));
    // only the names give way on a narrow window
    for (TableColumn<HistoryEntry, ?> c : table.getColumns()) {
      if (!c.getText().equals("File") && !c.getText().equals("Stored as"))
        c.setMinWidth(c.getPrefWidth());
    }
    VBox.setVgrow(table, Priority.ALWAYS);

    MenuItem copy = new MenuItem("Copy SHA-256");
    copy.setOnAction(e -> copySelected());
    MenuItem copyKey = new MenuItem("Copy stored name");
    copyKey.setOnAction(
        e -> {
          HistoryEntry h = table.getSelectionModel().getSelectedItem();
          if (h != null && h.key() != null) copyText(h.key());
        });
    menu = new ContextMenu(copy, copyKey);
    table.setContextMenu(menu);
    table.setOnKeyPressed(
        e -> {
          if (e.isShortcutDown() && e.getCode() == KeyCode.C) copySelected();
        });

    Button copyButton = new Button("Copy");
    copyButton.setId("copy-sha");
    copyButton.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
    copyButton.setOnAction(e -> copySelected());
    Button refresh = new Button("Refresh");
    refresh.setOnAction(e -> refresh());
    Label shaLabel = new Label("SHA-256");
    shaLabel.getStyleClass().add("field-label");
    shaField.setId("sha-field");
    shaField.setEditable(false);
    shaField.getStyleClass().add("sha-field");
    shaField.setPromptText("select an upload to see its SHA-256");
    HBox.setHgrow(shaField, Priority.ALWAYS);
    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, a, h) -> shaField.setText(h == null || h.sha256() == null ? "" : h.sha256()));
    info.getStyleClass().add("hint");
    info.setMinWidth(Region.USE_PREF_SIZE);
    HBox bar = new HBox(8, shaLabel, shaField, copyButton, refresh, info);
    bar.setAlignment(Pos.CENTER_LEFT);
    for (Region r : new Region[] {shaLabel, copyButton, refresh})
      r.setMinWidth(Region.USE_PREF_SIZE);
    getChildren().addAll(table, bar);
  }

  /**
   * Kiosk mode: no right-click menu (the Copy button does the same), and only the columns a
   * volunteer reads, wide enough for the big text.
   */
  public void setKiosk(boolean kiosk) {
    table.setContextMenu(kiosk ? null : menu);
    for (TableColumn<HistoryEntry, ?> c : table.getColumns()) {
      switch (c.getText()) {
        case "Stored as", "Took", "Speed", "SHA-256", "Where" -> c.setVisible(!kiosk);
        case "File", "Checked" -> {}
        default -> {
          Object base = c.getProperties().computeIfAbsent("base-width", k -> c.getPrefWidth());
          double w = (Double) base * (kiosk ? 1.4 : 1.0);
          c.setPrefWidth(w);
          c.setMinWidth(w);
        }
      }
    }
  }

  /**
   * Shows the last check of each recording; {@code here} is where uploads go now, and {@code
   * server} whether that is a server (else the local store on this computer). FX thread.
   */
  public void setChecks(List<RecordingCheck> list, String here, boolean server) {
    checks.clear();
    for (RecordingCheck c : list) checks.put(c.key() + "\n" + c.destination(), c);
    this.here = here;
    this.server = server;
    table.refresh();
  }

  private @Nullable RecordingCheck checkOf(HistoryEntry e) {
    return e.key() == null ? null : checks.get(e.key() + "\n" + e.destination());
  }

  private String checkText(HistoryEntry e) {
    return CheckText.of(checkOf(e));
  }

  /** Where the recording is now: moved ones are on the server, the rest where they were sent. */
  private String where(HistoryEntry e) {
    if (CheckText.moved(checkOf(e))) return "the server";
    if (e.destination() == null) return "";
    if (e.destination().equals(here)) return server ? "the server" : "this computer";
    return e.destination().replaceFirst("^bucket \\S+ on ", "").replaceFirst("^https?://", "");
  }

  public TableView<HistoryEntry> table() {
    return table;
  }

  /**
   * Reads the newest page of the history in the background and puts what is new on top, newest
   * first. One read at a time: asked again meanwhile, it reads once more when the first is done, so
   * a burst of finished uploads costs two reads, not one per upload. Called on the FX thread.
   */
  public void refresh() {
    if (reading) {
      readAgain = true;
      return;
    }
    reading = true;
    read(
        0,
        page -> {
          if (!page.isEmpty() || !items.isEmpty()) takeNewest(page);
        },
        () -> {
          reading = false;
          if (readAgain) {
            readAgain = false;
            refresh();
          }
        });
  }

  /**
   * The next older page, asked for when the list is scrolled near its end: a history of 10,000
   * lines costs the pages scrolled through, not all of them.
   */
  private void loadOlder() {
    if (!older || reading || loadingOlder) return;
    loadingOlder = true;
    int offset = items.size();
    read(
        offset,
        page -> {
          // a refresh moved the list meanwhile: the page would repeat lines; the rows shown
          // again ask for the right one
          if (items.size() != offset) {
            ui.execute(table::refresh); // after this read has ended
            return;
          }
          items.addAll(page);
          older = page.size() == PAGE;
          count();
        },
        () -> loadingOlder = false);
  }

  /**
   * Reads {@code PAGE} lines from {@code offset} off the FX thread; hands them to the FX thread.
   */
  private void read(int offset, Consumer<List<HistoryEntry>> show, Runnable then) {
    background.run(
        () -> {
          UploadQueue q = queue.get();
          List<HistoryEntry> entries = null;
          String problem = null;
          if (q != null) {
            try {
              entries = q.history(offset, PAGE);
            } catch (Exception ex) {
              log.error("Could not read the history", ex);
              problem = "The history could not be read: " + Failure.of(ex).words();
            }
          }
          List<HistoryEntry> read = entries;
          String why = problem;
          ui.execute(
              () -> {
                try {
                  if (read != null) show.accept(read);
                  if (why != null) info.setText(why);
                } finally {
                  then.run();
                }
              });
        });
  }

  /**
   * Puts the lines of the newest page that are not shown yet on top. When the page does not reach
   * back to the newest line shown (more than a page finished meanwhile, or the history was
   * replaced), the list starts again from that page.
   */
  private void takeNewest(List<HistoryEntry> page) {
    int at = items.isEmpty() ? -1 : page.indexOf(items.get(0));
    boolean continues = at >= 0;
    for (int i = at; continues && i < page.size() && i - at < items.size(); i++) {
      continues = page.get(i).equals(items.get(i - at));
    }
    if (continues) {
      if (at > 0) items.addAll(0, page.subList(0, at));
    } else {
      HistoryEntry selected = table.getSelectionModel().getSelectedItem();
      items.setAll(page);
      older = page.size() == PAGE;
      int keep = selected == null ? -1 : indexOf(page, selected.jobId());
      if (!page.isEmpty()) table.getSelectionModel().select(Math.max(0, keep));
    }
    if (table.getSelectionModel().isEmpty() && !items.isEmpty())
      table.getSelectionModel().select(0);
    count();
  }

  private void count() {
    int n = items.size();
    info.setText(
        older
            ? "The latest " + n + " finished uploads (scroll down for older ones)"
            : n == 1 ? "1 finished upload" : n + " finished uploads");
  }

  /** The history lines read so far (the newest ones), as the table shows them. FX thread. */
  public List<HistoryEntry> shown() {
    return items;
  }

  /** Whether older lines may wait in the journal, to be read when scrolled to. FX thread. */
  public boolean hasOlder() {
    return older;
  }

  private static int indexOf(List<HistoryEntry> entries, long jobId) {
    for (int i = 0; i < entries.size(); i++) if (entries.get(i).jobId() == jobId) return i;
    return -1;
  }

  /** "0.8 s", "15 s", "3 min". */
  static String took(long millis) {
    if (millis < 10_000) return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    return Units.rough(millis / 1000);
  }

  private void copySelected() {
    HistoryEntry h = table.getSelectionModel().getSelectedItem();
    if (h != null && h.sha256() != null) {
      copyText(h.sha256());
      info.setText("Copied");
    }
  }

  private static void copyText(String text) {
    ClipboardContent c = new ClipboardContent();
    c.putString(text);
    Clipboard.getSystemClipboard().setContent(c);
  }

  private static TableColumn<HistoryEntry, String> column(
      String title, double width, Function<HistoryEntry, String> value) {
    TableColumn<HistoryEntry, String> c = new TableColumn<>(title);
    c.setPrefWidth(width);
    c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
    return c;
  }
}
