package org.sermonuploader.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.sermonuploader.engine.UploadEngine;
import org.sermonuploader.journal.HistoryEntry;
import org.sermonuploader.journal.JournalException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finished uploads, kept across restarts: what went where, how big, how fast, and its SHA-256. */
public final class HistoryView extends VBox {
  private static final Logger log = LoggerFactory.getLogger(HistoryView.class);
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

  private final Supplier<UploadEngine> engine;
  private final Background background;
  private final Executor ui;
  private final TableView<HistoryEntry> table = new TableView<>();
  private final Label info = new Label();

  public HistoryView(Supplier<UploadEngine> engine, Background background, Executor ui) {
    this.engine = engine;
    this.background = background;
    this.ui = ui;
    getStyleClass().add("history");
    setSpacing(6);
    table.setId("history-table");
    table.setPlaceholder(new Label("Finished uploads are listed here."));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.getColumns().add(column("When", 120, e -> WHEN.format(e.finishedAt())));
    table.getColumns().add(column("File", 180, HistoryEntry::fileName));
    table.getColumns().add(column("Stored as", 180, e -> e.key() == null ? "" : e.key()));
    table.getColumns().add(column("Size", 70, e -> JobText.size(e.size())));
    table.getColumns().add(column("Took", 70, e -> JobText.duration(Math.max(0, e.durationMillis() / 1000))));
    table.getColumns().add(column("Speed", 80, e -> e.bytesPerSecond() > 0 ? JobText.speed(e.bytesPerSecond()) : "–"));
    table.getColumns().add(column("Result", 90, HistoryEntry::outcome));
    TableColumn<HistoryEntry, String> sha = column("SHA-256", 200, e -> e.sha256() == null ? "" : e.sha256());
    sha.getStyleClass().add("sha-column");
    table.getColumns().add(sha);
    VBox.setVgrow(table, Priority.ALWAYS);

    MenuItem copy = new MenuItem("Copy SHA-256");
    copy.setOnAction(e -> copySelected());
    MenuItem copyKey = new MenuItem("Copy stored name");
    copyKey.setOnAction(e -> {
      HistoryEntry h = table.getSelectionModel().getSelectedItem();
      if (h != null && h.key() != null) copyText(h.key());
    });
    table.setContextMenu(new ContextMenu(copy, copyKey));
    table.setOnKeyPressed(e -> {
      if (e.isShortcutDown() && e.getCode() == KeyCode.C) copySelected();
    });

    Button copyButton = new Button("Copy SHA-256");
    copyButton.setId("copy-sha");
    copyButton.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
    copyButton.setOnAction(e -> copySelected());
    Button refresh = new Button("Refresh");
    refresh.setOnAction(e -> refresh());
    info.getStyleClass().add("hint");
    info.setMaxWidth(Double.MAX_VALUE);
    HBox.setHgrow(info, Priority.ALWAYS);
    HBox bar = new HBox(8, info, copyButton, refresh);
    bar.setAlignment(Pos.CENTER_LEFT);
    copyButton.setMinWidth(Region.USE_PREF_SIZE);
    refresh.setMinWidth(Region.USE_PREF_SIZE);
    getChildren().addAll(table, bar);
  }

  public TableView<HistoryEntry> table() {
    return table;
  }

  /** Reads the history in the background and shows it, newest first. */
  public void refresh() {
    background.run(() -> {
      UploadEngine e = engine.get();
      if (e == null) return;
      try {
        List<HistoryEntry> entries = e.history();
        ui.execute(() -> {
          table.setItems(FXCollections.observableArrayList(entries));
          info.setText(entries.size() == 1 ? "1 finished upload." : entries.size() + " finished uploads.");
        });
      } catch (JournalException ex) {
        log.error("Could not read the history", ex);
        ui.execute(() -> info.setText("The history could not be read: " + ex.getMessage()));
      }
    });
  }

  private void copySelected() {
    HistoryEntry h = table.getSelectionModel().getSelectedItem();
    if (h != null && h.sha256() != null) {
      copyText(h.sha256());
      info.setText("SHA-256 of " + h.fileName() + " copied.");
    }
  }

  private static void copyText(String text) {
    ClipboardContent c = new ClipboardContent();
    c.putString(text);
    Clipboard.getSystemClipboard().setContent(c);
  }

  private static TableColumn<HistoryEntry, String> column(String title, double width, Function<HistoryEntry, String> value) {
    TableColumn<HistoryEntry, String> c = new TableColumn<>(title);
    c.setPrefWidth(width);
    c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
    return c;
  }
}
