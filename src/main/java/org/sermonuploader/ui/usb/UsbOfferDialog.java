package org.sermonuploader.ui.usb;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.sermonuploader.model.OfferedRecording;
import org.sermonuploader.model.Recording;
import org.sermonuploader.ui.Theme;
import org.sermonuploader.ui.kiosk.TouchDialogs;

/**
 * The large, simple window that appears when a USB stick with recordings comes in: the recordings
 * newest first, one big button for the new ones, "Choose…" to tick them one by one, and Cancel.
 * Every control is at least 48 px high and works with one tap; nothing depends on hover.
 */
final class UsbOfferDialog {
  private final UsbChoice choice;
  private final Function<List<Recording>, CompletableFuture<?>> uploader;
  private final Consumer<String> done;
  private final Stage stage;
  private final Button upload = new Button();
  private final Button choose = new Button("Choose…");
  private final Button cancel = new Button("Cancel");
  private final Label error = new Label();
  private final List<CheckBox> boxes = new ArrayList<>();
  private final List<CheckBox> choosable = new ArrayList<>();
  private boolean choosing;

  /**
   * @param uploader queues the given recordings (UsbUploads.upload for this stick)
   * @param done told what was added, once it is, to show it in the main window
   */
  UsbOfferDialog(
      UsbChoice choice,
      Window owner,
      boolean kiosk,
      Function<List<Recording>, CompletableFuture<?>> uploader,
      Consumer<String> done) {
    this.choice = choice;
    this.uploader = uploader;
    this.done = done;

    Region icon = new Region();
    icon.getStyleClass().add("usb-icon");
    Theme.fixSize(icon, 40);
    Label title = new Label("USB stick " + choice.label());
    title.getStyleClass().add("usb-title");
    Label heading = new Label(choice.heading());
    heading.setId("usb-heading");
    heading.getStyleClass().add("usb-heading");
    heading.setWrapText(true);
    VBox titles = new VBox(2, title, heading);
    HBox head = new HBox(14, icon, titles);
    head.setAlignment(Pos.CENTER_LEFT);

    VBox list = new VBox();
    list.getStyleClass().add("usb-list");
    for (OfferedRecording o : choice.rows()) list.getChildren().add(row(o));
    ScrollPane scroll = new ScrollPane(list);
    scroll.setFitToWidth(true);
    scroll.getStyleClass().add("usb-scroll");
    scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
    VBox.setVgrow(scroll, Priority.ALWAYS);

    error.setId("usb-error");
    error.getStyleClass().add("usb-error");
    error.setWrapText(true);
    error.visibleProperty().bind(error.textProperty().isNotEmpty());
    error.managedProperty().bind(error.visibleProperty());

    upload.setId("usb-upload");
    upload.getStyleClass().addAll("accent", "usb-button");
    upload.setDefaultButton(true);
    upload.setOnAction(e -> upload());
    choose.setId("usb-choose");
    choose.getStyleClass().add("usb-button");
    choose.managedProperty().bind(choose.visibleProperty());
    choose.setOnAction(e -> startChoosing());
    cancel.setId("usb-cancel");
    cancel.getStyleClass().add("usb-button");
    cancel.setCancelButton(true);
    cancel.setOnAction(e -> close());
    for (Button b : List.of(upload, choose, cancel)) b.setMinWidth(Region.USE_PREF_SIZE);
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox buttons = new HBox(12, upload, choose, gap, cancel);
    buttons.setAlignment(Pos.CENTER_LEFT);

    VBox root = new VBox(14, head, scroll, error, buttons);
    root.getStyleClass().add("usb-dialog");
    stage =
        TouchDialogs.stage(
            owner,
            kiosk,
            root,
            "USB stick " + choice.label(),
            760,
            Math.max(320, 230 + 72.0 * choice.rows().size()));

    if (choice.newOnes().isEmpty()) startChoosing(); // nothing new: the volunteer picks, or cancels
    else showNewOnes();
  }

  private HBox row(OfferedRecording o) {
    Recording r = o.recording();
    CheckBox box = new CheckBox();
    box.getStyleClass().add("usb-check");
    box.setUserData(r);
    box.setSelected(choice.isChosen(r));
    box.setDisable(!UsbChoice.choosable(o));
    if (UsbChoice.choosable(o)) choosable.add(box);
    box.managedProperty().bind(box.visibleProperty());
    box.setVisible(false);
    box.selectedProperty()
        .addListener(
            (obs, a, b) -> {
              choice.choose(r, b);
              updateUpload();
            });
    boxes.add(box);
    Label name = new Label(r.name());
    name.getStyleClass().add("usb-name");
    name.setMinWidth(0);
    Label meta = new Label(UsbChoice.describe(r));
    meta.getStyleClass().add("usb-meta");
    VBox text = new VBox(2, name, meta);
    text.setMinWidth(0);
    HBox.setHgrow(text, Priority.ALWAYS);
    Label status = new Label(UsbChoice.statusWords(o.status()));
    status
        .getStyleClass()
        .addAll(
            "usb-status",
            "usb-status-" + o.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    status.setMinWidth(Region.USE_PREF_SIZE);
    HBox line = new HBox(12, box, text, status);
    line.setAlignment(Pos.CENTER_LEFT);
    line.getStyleClass().add("usb-row");
    // the whole line is the tap target while choosing, not only the small box
    line.setOnMouseClicked(
        e -> {
          if (choosing
              && !box.isDisabled()
              && e.getTarget() != box
              && !isInside(e.getTarget(), box)) {
            box.setSelected(!box.isSelected());
          }
        });
    return line;
  }

  private static boolean isInside(Object target, CheckBox box) {
    for (javafx.scene.Node n = target instanceof javafx.scene.Node node ? node : null;
        n != null;
        n = n.getParent()) {
      if (n == box) return true;
    }
    return false;
  }

  private void showNewOnes() {
    choosing = false;
    upload.setText(choice.uploadNewText());
    upload.setDisable(false);
    choose.setVisible(true);
  }

  private void startChoosing() {
    choosing = true;
    for (CheckBox b : boxes) b.setVisible(true);
    choose.setVisible(false);
    updateUpload();
  }

  private void updateUpload() {
    if (!choosing) return;
    upload.setText(choice.uploadChosenText());
    upload.setDisable(choice.chosen().isEmpty());
  }

  private void upload() {
    List<Recording> what = choosing ? choice.chosen() : choice.newOnes();
    if (what.isEmpty()) return;
    for (Button b : List.of(upload, choose, cancel)) b.setDisable(true);
    for (CheckBox b : boxes) b.setDisable(true);
    error.setText("");
    upload.setText("Adding…");
    // success and failure are both shown by the handler below; its own future has nothing more
    var unused =
        uploader
            .apply(what)
            .whenComplete(
                (ok, e) ->
                    Platform.runLater(
                        () -> {
                          if (e == null) {
                            close();
                            done.accept(
                                (what.size() == 1
                                        ? "Added 1 recording"
                                        : "Added " + what.size() + " recordings")
                                    + " from the USB stick "
                                    + choice.label()
                                    + " to the list.");
                          } else {
                            Throwable cause = e.getCause() != null ? e.getCause() : e;
                            error.setText("They could not be added: " + cause.getMessage());
                            cancel.setDisable(false);
                            choose.setDisable(false);
                            upload.setDisable(false);
                            for (CheckBox b : choosable) b.setDisable(false);
                            upload.setText(
                                choosing ? choice.uploadChosenText() : choice.uploadNewText());
                          }
                        }));
  }

  void show() {
    stage.show();
    stage.toFront();
  }

  void close() {
    stage.close();
  }

  boolean isShowing() {
    return stage.isShowing();
  }

  UsbChoice choice() {
    return choice;
  }

  Stage stage() {
    return stage;
  }
}
