package org.sermonuploader.ui.settings;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.VBox;
import org.controlsfx.control.ToggleSwitch;
import org.sermonuploader.config.Setting;

/**
 * The settings dialog's fields: each setting's control with its label and the line under it for a
 * problem or a note, and, when the environment sets it, where it comes from. What is typed goes
 * into the form at once and clears the field's problem.
 */
final class SettingsFields {
  private final SettingsForm form;
  private final BiConsumer<Setting, String> edited;
  private final Map<Setting, Label> errors = new EnumMap<>(Setting.class);
  private final Map<Setting, Node> fields = new EnumMap<>(Setting.class);

  /** {@code edited} hears each text field's new value, after the form took it. */
  SettingsFields(SettingsForm form, BiConsumer<Setting, String> edited) {
    this.form = form;
    this.edited = edited;
  }

  /** The node ids of a setting's field: "minio-endpoint", its problem "minio-endpoint-error". */
  static String id(Setting s) {
    return s.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  VBox row(Setting s, String label, Node field) {
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

  TextField text(Setting s, String prompt) {
    if (form.setByEnvironment(s)) {
      TextField f = new TextField(form.environmentValue(s));
      f.setId(id(s));
      return f;
    }
    TextField f = new TextField(form.get(s));
    f.setId(id(s));
    f.setPromptText(prompt);
    f.textProperty()
        .addListener(
            (o, a, b) -> {
              form.set(s, b);
              clearError(s);
              edited.accept(s, b);
            });
    return f;
  }

  TextInputControl headers() {
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

  TextInputControl secret() {
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
  ToggleSwitch toggle(Setting setting, String text) {
    ToggleSwitch on = new ToggleSwitch(text);
    on.setId(id(setting));
    on.setSelected(Boolean.parseBoolean(form.get(setting).trim()));
    on.selectedProperty().addListener((o, a, b) -> form.set(setting, Boolean.toString(b)));
    on.setMaxWidth(Double.MAX_VALUE);
    return on;
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

  void clearError(Setting s) {
    Label l = errors.get(s);
    if (l != null) {
      l.setText("");
      l.getStyleClass().remove("field-note");
    }
    Node n = fields.get(s);
    if (n != null) n.getStyleClass().remove("invalid");
  }

  /** A problem under the field, as it is typed (no red frame until Save). */
  void problem(Setting s, String text) {
    Objects.requireNonNull(errors.get(s), "a setting shown in the window").setText(text);
  }

  /** A note under the field: not a problem, something done for the volunteer. */
  void note(Setting s, String text) {
    Label l = Objects.requireNonNull(errors.get(s), "a setting shown in the window");
    l.setText(text);
    l.getStyleClass().add("field-note");
  }

  Node field(Setting s) {
    return Objects.requireNonNull(fields.get(s), "a setting shown in the window");
  }
}
