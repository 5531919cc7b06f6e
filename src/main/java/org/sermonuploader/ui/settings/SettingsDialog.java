package org.sermonuploader.ui.settings;

import java.time.ZonedDateTime;
import java.util.Map;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.SegmentedButton;
import org.controlsfx.control.ToggleSwitch;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.app.UploadLimit;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.model.LimitOverride;
import org.sermonuploader.ui.Background;
import org.sermonuploader.ui.BandwidthText;
import org.sermonuploader.ui.Theme;

/**
 * The settings dialog. Values are checked when Save is pressed and problems appear under the field;
 * the dialog stays open until everything can be used. Its result is what to save.
 */
public final class SettingsDialog extends Dialog<Settings> {
  public static final ButtonType SAVE = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);

  private final SettingsForm form;
  private final @Nullable UploadLimit running;
  private final SettingsFields fields;
  private final Label example = new Label();
  private final Label bandwidthPreview = new Label();
  private final ConnectionTestView test;
  private final ScrollPane scroll;

  public SettingsDialog(SettingsForm form, Background background) {
    this(form, background, null);
  }

  /**
   * {@code running} is the open uploader's limit, so that the preview under the timetable says what
   * the window says while Livestream now or Full speed now holds.
   */
  public SettingsDialog(SettingsForm form, Background background, @Nullable UploadLimit running) {
    this.form = form;
    this.running = running;
    this.fields =
        new SettingsFields(
            form,
            (s, value) -> {
              if (s == Setting.KEY_TEMPLATE || s == Setting.STATION_NAME) updateExample();
              if (s == Setting.BANDWIDTH_LIMIT) checkBandwidth(value);
            });
    this.test = new ConnectionTestView(form, background, this::destinationReady, this::scrollPane);
    setTitle("Settings");
    setResizable(true);
    getDialogPane().getStyleClass().add("settings-dialog");

    VBox s3 =
        new VBox(
            6,
            fields.row(Setting.MINIO_ENDPOINT, "Server address", endpoint()),
            fields.row(
                Setting.MINIO_BUCKET, "Bucket", fields.text(Setting.MINIO_BUCKET, "sermons")),
            fields.row(
                Setting.MINIO_ACCESS_KEY,
                "Access key",
                fields.text(Setting.MINIO_ACCESS_KEY, "user name")),
            fields.row(Setting.MINIO_SECRET_KEY, "Secret key", fields.secret()),
            fields.toggle(Setting.MINIO_CREATE_BUCKET, "Create the bucket if it is missing"));
    s3.setId("s3-fields");
    VBox tus =
        new VBox(
            6,
            fields.row(
                Setting.TUS_ENDPOINT,
                "tus server address",
                fields.text(Setting.TUS_ENDPOINT, "https://uploads.example.org/files/")),
            fields.row(
                Setting.TUS_HEADERS, "Extra headers (one 'Name: value' a line)", fields.headers()));
    tus.setId("tus-fields");
    VBox server =
        section(
            "Server",
            fields.row(Setting.DESTINATION, "Send recordings to", destination(s3, tus)),
            s3,
            tus);
    server.getChildren().addAll(test.nodes());

    example.setId("key-example");
    example.getStyleClass().add("key-example");
    example.setWrapText(true);
    VBox uploads =
        section(
            "Uploads",
            fields.row(
                Setting.STATION_NAME,
                "Station name",
                fields.text(Setting.STATION_NAME, "this computer's name")),
            fields.row(
                Setting.KEY_TEMPLATE,
                "Stored name (template)",
                fields.text(Setting.KEY_TEMPLATE, "{filename}")),
            example,
            fields.row(Setting.PART_SIZE, "Part size", fields.text(Setting.PART_SIZE, "16MiB")),
            fields.row(
                Setting.PARTS_IN_FLIGHT,
                "Parts sent at once",
                fields.text(Setting.PARTS_IN_FLIGHT, "2")),
            fields.row(
                Setting.BANDWIDTH_LIMIT,
                "Upload speed limit",
                fields.text(Setting.BANDWIDTH_LIMIT, "e.g. Sun-08:00,512K Sun-13:00,off")),
            bandwidthPreview,
            fields.row(
                Setting.LIVESTREAM_LIMIT,
                "Speed limit of Livestream now (for 2 hours)",
                fields.text(Setting.LIVESTREAM_LIMIT, "256K")),
            fields.toggle(
                Setting.LIVE_UPLOAD,
                "Upload recordings in the watch folder while they are being made (S3)"),
            kioskSection());
    HBox columns = new HBox(24, server, uploads);
    HBox.setHgrow(server, Priority.ALWAYS);
    HBox.setHgrow(uploads, Priority.ALWAYS);
    columns.getStyleClass().add("form");
    scroll = new ScrollPane(columns);
    scroll.setFitToWidth(true);
    scroll.getStyleClass().add("edge-to-edge");
    scroll.setPrefViewportWidth(640);
    // tall enough to show both columns whole where the screen allows; they scroll on a small one
    double screen = javafx.stage.Screen.getPrimary().getVisualBounds().getHeight();
    scroll.setPrefViewportHeight(Math.max(300, Math.min(440, screen - 200)));
    getDialogPane().setContent(scroll);
    getDialogPane().getButtonTypes().addAll(SAVE, ButtonType.CANCEL);
    Theme.style(getDialogPane());
    updateExample();
    bandwidthPreview.setId("bandwidth-preview");
    bandwidthPreview.getStyleClass().add("hint");
    bandwidthPreview.setWrapText(true);
    checkBandwidth(form.get(Setting.BANDWIDTH_LIMIT));

    Node save = getDialogPane().lookupButton(SAVE);
    save.setId("save-settings");
    save.addEventFilter(
        ActionEvent.ACTION,
        e -> {
          completeEndpoint();
          if (!fields.showErrors(form.validate())) {
            e.consume(); // stay open until the values can be used
          } else if (form.pinPending()) {
            // the PIN's hash is slow on purpose: make it in the background, then save
            e.consume();
            save.setDisable(true);
            background.run(
                () -> {
                  form.hashPin();
                  javafx.application.Platform.runLater(
                      () -> {
                        save.setDisable(false);
                        ((Button) save).fire();
                      });
                });
          }
        });
    setResultConverter(b -> b == SAVE ? form.toSaved() : null);
  }

  public SettingsForm form() {
    return form;
  }

  private VBox section(String title, Node... rows) {
    Label head = new Label(title);
    head.getStyleClass().add("section-title");
    VBox box = new VBox(6, head);
    box.getChildren().addAll(rows);
    box.setMinWidth(260);
    box.setPrefWidth(300);
    return box;
  }

  /** An address typed without http:// is completed when the field is left. */
  private TextField endpoint() {
    TextField f = fields.text(Setting.MINIO_ENDPOINT, "empty: keep recordings on this computer");
    if (!form.setByEnvironment(Setting.MINIO_ENDPOINT))
      f.focusedProperty()
          .addListener(
              (o, was, now) -> {
                if (!now) completeEndpoint();
              });
    return f;
  }

  /** KIOSK and the PIN that leaves kiosk mode; only the PIN's salted hash is saved. */
  private VBox kioskSection() {
    Label head = new Label("Kiosk mode (touch screen)");
    head.getStyleClass().add("section-title");
    ToggleSwitch on = fields.toggle(Setting.KIOSK, "Start full screen for a touch screen");
    PasswordField pin = new PasswordField();
    pin.setId("kiosk-pin-new");
    pin.setPromptText(
        form.pinSaved() ? "a PIN is set – type a new one to change it" : "4 to 12 digits");
    pin.textProperty()
        .addListener(
            (o, a, b) -> {
              form.setNewPin(b);
              fields.clearError(Setting.KIOSK_PIN_HASH);
            });
    VBox box = new VBox(6, head, on, fields.row(Setting.KIOSK_PIN_HASH, "Set kiosk PIN", pin));
    if (form.pinSaved()) {
      ToggleSwitch remove = new ToggleSwitch("Remove the PIN");
      remove.setId("kiosk-pin-remove");
      remove.setMaxWidth(Double.MAX_VALUE);
      remove
          .selectedProperty()
          .addListener(
              (o, a, b) -> {
                form.setRemovePin(b);
                pin.setDisable(b);
                fields.clearError(Setting.KIOSK_PIN_HASH);
              });
      box.getChildren().add(remove);
    }
    Label how =
        new Label(
            "To leave kiosk mode, hold the lock at the top right for three seconds, then type the PIN."
                + " Kiosk mode starts with the app (or with --kiosk).");
    how.getStyleClass().add("hint");
    how.setWrapText(true);
    box.getChildren().add(how);
    return box;
  }

  private Node destination(VBox s3, VBox tus) {
    ToggleButton s3Button = new ToggleButton("MinIO / S3");
    s3Button.setId("destination-s3");
    ToggleButton tusButton = new ToggleButton("tus server");
    tusButton.setId("destination-tus");
    SegmentedButton choice = new SegmentedButton(s3Button, tusButton);
    choice.getStyleClass().add("destination-choice");
    (form.tus() ? tusButton : s3Button).setSelected(true);
    Runnable show =
        () -> {
          boolean t = form.tus();
          s3.setVisible(!t);
          s3.setManaged(!t);
          tus.setVisible(t);
          tus.setManaged(t);
          test.clear();
        };
    choice
        .getToggleGroup()
        .selectedToggleProperty()
        .addListener(
            (o, a, b) -> {
              if (b == null) {
                a.setSelected(true); // one of the two is always chosen
                return;
              }
              form.setTus(b == tusButton);
              fields.clearError(Setting.DESTINATION);
              show.run();
            });
    show.run();
    return choice;
  }

  /** Checked as it is typed: what the value does from now on, or what is wrong with it. */
  private void checkBandwidth(String value) {
    try {
      UploadLimit b = running;
      LimitOverride kind = b == null ? null : b.override();
      bandwidthPreview.setText(
          b != null && kind != null
              ? BandwidthText.preview(value, kind, b.inForce(), b.now())
              : BandwidthText.preview(value, ZonedDateTime.now(java.time.ZoneId.systemDefault())));
    } catch (IllegalArgumentException e) {
      bandwidthPreview.setText("");
      fields.problem(
          Setting.BANDWIDTH_LIMIT, SettingsForm.sentence(String.valueOf(e.getMessage())));
    }
  }

  private void updateExample() {
    example.setText("Example: " + SettingsForm.EXAMPLE_FILE + " is stored as " + form.keyExample());
  }

  /** Completes an address typed without http:// and says so under the field. */
  private void completeEndpoint() {
    if (form.setByEnvironment(Setting.MINIO_ENDPOINT)) return;
    form.completeEndpoint()
        .ifPresent(
            note -> {
              ((TextField) fields.field(Setting.MINIO_ENDPOINT))
                  .setText(form.get(Setting.MINIO_ENDPOINT));
              fields.note(Setting.MINIO_ENDPOINT, note);
            });
  }

  private ScrollPane scrollPane() {
    return scroll;
  }

  /** Shows the problems of the chosen destination's fields; true when there are none. */
  private boolean destinationReady() {
    completeEndpoint();
    Map<Setting, String> problems = form.validate();
    problems.keySet().retainAll(form.tus() ? SettingsForm.TUS_FIELDS : SettingsForm.S3_FIELDS);
    return fields.showErrors(problems);
  }
}
