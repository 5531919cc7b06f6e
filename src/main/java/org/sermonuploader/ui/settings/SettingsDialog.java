package org.sermonuploader.ui.settings;

import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.event.ActionEvent;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
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
  private final Background background;
  private final @Nullable UploadLimit running;
  private final Map<Setting, Label> errors = new EnumMap<>(Setting.class);
  private final Map<Setting, Node> fields = new EnumMap<>(Setting.class);
  private final Label example = new Label();
  private final Label bandwidthPreview = new Label();
  private final VBox checks = new VBox(2);
  private final Button test = new Button("Test connection");
  private final ScrollPane scroll;
  private boolean testing;

  public SettingsDialog(SettingsForm form, Background background) {
    this(form, background, null);
  }

  /**
   * {@code running} is the open uploader's limit, so that the preview under the timetable says what
   * the window says while Livestream now or Full speed now holds.
   */
  public SettingsDialog(SettingsForm form, Background background, @Nullable UploadLimit running) {
    this.form = form;
    this.background = background;
    this.running = running;
    setTitle("Settings");
    setResizable(true);
    getDialogPane().getStyleClass().add("settings-dialog");

    VBox s3 =
        new VBox(
            6,
            row(
                Setting.MINIO_ENDPOINT,
                "Server address",
                text(Setting.MINIO_ENDPOINT, "empty: keep recordings on this computer")),
            row(Setting.MINIO_BUCKET, "Bucket", text(Setting.MINIO_BUCKET, "sermons")),
            row(
                Setting.MINIO_ACCESS_KEY,
                "Access key",
                text(Setting.MINIO_ACCESS_KEY, "user name")),
            row(Setting.MINIO_SECRET_KEY, "Secret key", secret()),
            toggle(Setting.MINIO_CREATE_BUCKET, "Create the bucket if it is missing"));
    s3.setId("s3-fields");
    VBox tus =
        new VBox(
            6,
            row(
                Setting.TUS_ENDPOINT,
                "tus server address",
                text(Setting.TUS_ENDPOINT, "https://uploads.example.org/files/")),
            row(Setting.TUS_HEADERS, "Extra headers (one 'Name: value' a line)", headers()));
    tus.setId("tus-fields");
    VBox server =
        section(
            "Server",
            row(Setting.DESTINATION, "Send recordings to", destination(s3, tus)),
            s3,
            tus);
    test.setId("test-connection");
    test.setOnAction(e -> testConnection());
    checks.setId("connection-checks");
    checks.getStyleClass().add("connection-checks");
    server.getChildren().addAll(test, checks);

    example.setId("key-example");
    example.getStyleClass().add("key-example");
    example.setWrapText(true);
    VBox uploads =
        section(
            "Uploads",
            row(
                Setting.STATION_NAME,
                "Station name",
                text(Setting.STATION_NAME, "this computer's name")),
            row(
                Setting.KEY_TEMPLATE,
                "Stored name (template)",
                text(Setting.KEY_TEMPLATE, "{filename}")),
            example,
            row(Setting.PART_SIZE, "Part size", text(Setting.PART_SIZE, "16MiB")),
            row(Setting.PARTS_IN_FLIGHT, "Parts sent at once", text(Setting.PARTS_IN_FLIGHT, "2")),
            row(
                Setting.BANDWIDTH_LIMIT,
                "Upload speed limit",
                text(Setting.BANDWIDTH_LIMIT, "e.g. Sun-08:00,512K Sun-13:00,off")),
            bandwidthPreview,
            row(
                Setting.LIVESTREAM_LIMIT,
                "Speed limit of Livestream now (for 2 hours)",
                text(Setting.LIVESTREAM_LIMIT, "256K")),
            toggle(
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
          if (!showErrors(form.validate())) {
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

  /** Shows each problem under its field; true when there are none. */
  boolean showErrors(Map<Setting, String> problems) {
    errors.forEach(
        (s, l) -> {
          String problem = problems.get(s);
          if (problem != null) {
            l.getStyleClass().remove("field-note");
            l.setText(problem);
          } else if (!l.getStyleClass().contains("field-note")) {
            l.setText("");
          }
        });
    fields.forEach(
        (s, n) -> {
          n.getStyleClass().remove("invalid");
          if (problems.containsKey(s)) n.getStyleClass().add("invalid");
        });
    return problems.isEmpty();
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

  private VBox row(Setting s, String label, Node field) {
    Label l = new Label(label);
    l.getStyleClass().add("field-label");
    l.setLabelFor(field);
    Label error = new Label();
    error.setId(id(s) + "-error");
    error.getStyleClass().add("field-error");
    error.setWrapText(true);
    // its line is kept even when empty (app.css): a message appearing must not move the fields
    errors.put(s, error);
    fields.put(s, field);
    VBox box = new VBox(2, l, field, error);
    if (form.setByEnvironment(s)) {
      // what is in force, and where it comes from; the environment is never written back
      field.setDisable(true);
      Label env =
          new Label(
              (s.secret() ? "Set in the environment" : "From the environment")
                  + " ("
                  + s.name()
                  + "): change it there.");
      env.setId(id(s) + "-source");
      env.getStyleClass().add("hint");
      env.setWrapText(true);
      box.getChildren().add(env);
    }
    return box;
  }

  private TextField text(Setting s, String prompt) {
    if (form.setByEnvironment(s)) {
      TextField f = new TextField(form.environmentValue(s));
      f.setId(id(s));
      return f;
    }
    TextField f = new TextField(form.get(s));
    f.setId(id(s));
    f.setPromptText(prompt);
    if (s == Setting.MINIO_ENDPOINT)
      f.focusedProperty()
          .addListener(
              (o, was, now) -> {
                if (!now) completeEndpoint();
              });
    f.textProperty()
        .addListener(
            (o, a, b) -> {
              form.set(s, b);
              clearError(s);
              if (s == Setting.KEY_TEMPLATE || s == Setting.STATION_NAME) updateExample();
              if (s == Setting.BANDWIDTH_LIMIT) checkBandwidth(b);
            });
    return f;
  }

  /** KIOSK and the PIN that leaves kiosk mode; only the PIN's salted hash is saved. */
  private VBox kioskSection() {
    Label head = new Label("Kiosk mode (touch screen)");
    head.getStyleClass().add("section-title");
    ToggleSwitch on = toggle(Setting.KIOSK, "Start full screen for a touch screen");
    PasswordField pin = new PasswordField();
    pin.setId("kiosk-pin-new");
    pin.setPromptText(
        form.pinSaved() ? "a PIN is set – type a new one to change it" : "4 to 12 digits");
    pin.textProperty()
        .addListener(
            (o, a, b) -> {
              form.setNewPin(b);
              clearError(Setting.KIOSK_PIN_HASH);
            });
    VBox box = new VBox(6, head, on, row(Setting.KIOSK_PIN_HASH, "Set kiosk PIN", pin));
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
                clearError(Setting.KIOSK_PIN_HASH);
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
          checks.getChildren().clear();
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
              clearError(Setting.DESTINATION);
              show.run();
            });
    show.run();
    return choice;
  }

  private TextInputControl headers() {
    TextArea f = new TextArea();
    f.setId(id(Setting.TUS_HEADERS));
    f.setPrefRowCount(2);
    f.setWrapText(false);
    f.setPromptText(
        form.setByEnvironment(Setting.TUS_HEADERS)
            ? "set in the environment"
            : form.secretSaved(Setting.TUS_HEADERS)
                ? "saved – leave empty to keep them"
                : "e.g. Authorization: Bearer …");
    f.textProperty()
        .addListener(
            (o, a, b) -> {
              form.set(Setting.TUS_HEADERS, b);
              clearError(Setting.TUS_HEADERS);
            });
    return f;
  }

  private TextInputControl secret() {
    PasswordField f = new PasswordField();
    f.setId(id(Setting.MINIO_SECRET_KEY));
    f.setPromptText(
        form.setByEnvironment(Setting.MINIO_SECRET_KEY)
            ? "set in the environment"
            : form.secretSaved() ? "saved – leave empty to keep it" : "password");
    f.textProperty()
        .addListener(
            (o, a, b) -> {
              form.set(Setting.MINIO_SECRET_KEY, b);
              clearError(Setting.MINIO_SECRET_KEY);
            });
    return f;
  }

  /** A true/false setting as a switch. */
  private ToggleSwitch toggle(Setting setting, String text) {
    ToggleSwitch on = new ToggleSwitch(text);
    on.setId(id(setting));
    on.setSelected(Boolean.parseBoolean(form.get(setting).trim()));
    on.selectedProperty().addListener((o, a, b) -> form.set(setting, Boolean.toString(b)));
    on.setMaxWidth(Double.MAX_VALUE);
    return on;
  }

  private void clearError(Setting s) {
    Label l = errors.get(s);
    if (l != null) {
      l.setText("");
      l.getStyleClass().remove("field-note");
    }
    Node n = fields.get(s);
    if (n != null) n.getStyleClass().remove("invalid");
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
      errors.get(Setting.BANDWIDTH_LIMIT).setText(SettingsForm.sentence(e.getMessage()));
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
              ((TextField) fields.get(Setting.MINIO_ENDPOINT))
                  .setText(form.get(Setting.MINIO_ENDPOINT));
              Label l = errors.get(Setting.MINIO_ENDPOINT);
              l.setText(note);
              l.getStyleClass().add("field-note");
            });
  }

  private void testConnection() {
    // the button stays enabled while testing: disabling it would send the focus (and the scroll
    // position) to another field, away from the results
    if (testing) return;
    completeEndpoint();
    Map<Setting, String> problems = form.validate();
    problems.keySet().retainAll(form.tus() ? SettingsForm.TUS_FIELDS : SettingsForm.S3_FIELDS);
    if (!showErrors(problems)) return;
    testing = true;
    test.setText("Testing…");
    checks.getChildren().setAll(new Label("Testing…"));
    background.run(
        () -> {
          List<SettingsForm.CheckLine> lines = form.testConnection();
          javafx.application.Platform.runLater(
              () -> {
                testing = false;
                test.setText("Test connection");
                checks.getChildren().clear();
                for (SettingsForm.CheckLine c : lines) checks.getChildren().add(checkLine(c));
                showChecks();
              });
        });
  }

  /** Scrolls just far enough that the results can be read, the button still above them. */
  private void showChecks() {
    Node content = scroll.getContent();
    content.applyCss();
    if (content instanceof javafx.scene.Parent p) p.layout();
    double total = content.getLayoutBounds().getHeight();
    double view = scroll.getViewportBounds().getHeight();
    if (total <= view) return;
    Bounds b = content.sceneToLocal(checks.localToScene(checks.getBoundsInLocal()));
    Bounds button = content.sceneToLocal(test.localToScene(test.getBoundsInLocal()));
    double top = scroll.getVvalue() * (total - view);
    if (b.getMaxY() > top + view) top = Math.min(b.getMaxY() - view, button.getMinY());
    scroll.setVvalue(Math.max(0, Math.min(1, top / (total - view))));
  }

  private static Node checkLine(SettingsForm.CheckLine c) {
    Region icon = new Region();
    icon.getStyleClass()
        .addAll(
            "check-icon", c.ok() == null ? "check-skipped" : c.ok() ? "check-ok" : "check-failed");
    Theme.fixSize(icon, 14);
    Label what = new Label(c.what() + (c.ok() == null ? "" : c.ok() ? ": yes" : ": no"));
    what.getStyleClass().add("check-what");
    what.setMinWidth(Region.USE_PREF_SIZE);
    Label msg = new Label(c.message());
    msg.getStyleClass().add("check-message");
    msg.setWrapText(true);
    VBox text = new VBox(0, what, msg);
    HBox line = new HBox(6, icon, text);
    line.setAlignment(Pos.TOP_LEFT);
    line.getStyleClass().add("check-line");
    return line;
  }

  static String id(Setting s) {
    return s.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
