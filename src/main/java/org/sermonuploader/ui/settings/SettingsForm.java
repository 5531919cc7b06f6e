package org.sermonuploader.ui.settings;

import java.net.URI;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.app.DestinationChecks;
import org.sermonuploader.app.EngineSettings;
import org.sermonuploader.config.EndpointAddress;
import org.sermonuploader.config.InvalidSettingException;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.model.SermonDetails;
import org.sermonuploader.ui.kiosk.KioskPin;

/**
 * The settings dialog's values and their checks, without any FX, so they are tested on their own.
 * Starts from what the settings files hold (not the environment, which is never written back).
 */
public final class SettingsForm {
  public static final List<Setting> FIELDS =
      List.of(
          Setting.DESTINATION,
          Setting.MINIO_ENDPOINT,
          Setting.MINIO_BUCKET,
          Setting.MINIO_ACCESS_KEY,
          Setting.MINIO_SECRET_KEY,
          Setting.MINIO_CREATE_BUCKET,
          Setting.TUS_ENDPOINT,
          Setting.TUS_HEADERS,
          Setting.STATION_NAME,
          Setting.KEY_TEMPLATE,
          Setting.PART_SIZE,
          Setting.PARTS_IN_FLIGHT,
          Setting.BANDWIDTH_LIMIT,
          Setting.LIVESTREAM_LIMIT,
          Setting.LIVE_UPLOAD,
          Setting.KIOSK);

  /** The fields of each destination; Test connection checks only the chosen one's. */
  public static final List<Setting> S3_FIELDS =
      List.of(
          Setting.MINIO_ENDPOINT,
          Setting.MINIO_BUCKET,
          Setting.MINIO_ACCESS_KEY,
          Setting.MINIO_SECRET_KEY);

  public static final List<Setting> TUS_FIELDS = List.of(Setting.TUS_ENDPOINT, Setting.TUS_HEADERS);

  /** The file name the key example is shown for. */
  public static final String EXAMPLE_FILE = "Morning service 2024-05-12.mp3";

  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  private final Settings saved;
  private final Map<String, String> env;
  private final Map<Setting, String> values = new EnumMap<>(Setting.class);

  /** A new kiosk PIN as typed (never saved as such), its hash once made, or the PIN to go. */
  private String newPin = "";

  private @Nullable String newPinHash;
  private boolean removePin;

  public SettingsForm(Settings saved, Map<String, String> env) {
    this.saved = saved;
    this.env = env;
    for (Setting s : FIELDS) values.put(s, s.secret() ? "" : saved.get(s));
    values.put(Setting.DESTINATION, saved.get(Setting.DESTINATION).trim().toLowerCase(Locale.ROOT));
  }

  public String get(Setting s) {
    return values.getOrDefault(s, "");
  }

  public void set(Setting s, @Nullable String value) {
    values.put(s, value == null ? "" : value);
  }

  /** A secret is kept in the secrets file: an empty secret field keeps it. */
  public boolean secretSaved() {
    return secretSaved(Setting.MINIO_SECRET_KEY);
  }

  public boolean secretSaved(Setting s) {
    return saved.isSet(s);
  }

  /** Whether a kiosk PIN is saved now. */
  public boolean pinSaved() {
    return KioskPin.isSet(saved.get(Setting.KIOSK_PIN_HASH));
  }

  /** The PIN typed into "Set kiosk PIN"; empty keeps the saved one. */
  public void setNewPin(String pin) {
    newPin = pin == null ? "" : pin;
    newPinHash = null;
  }

  /** Removes the saved PIN: leaving kiosk mode then takes the long press and a confirmation. */
  public void setRemovePin(boolean remove) {
    removePin = remove;
  }

  /**
   * A valid new PIN is typed but not hashed yet: {@link #hashPin()} first (slow, off the FX
   * thread).
   */
  public boolean pinPending() {
    return !removePin
        && !newPin.isEmpty()
        && newPinHash == null
        && KioskPin.problem(newPin) == null;
  }

  /** Hashes the typed PIN (PBKDF2, slow on purpose). */
  public void hashPin() {
    if (pinPending()) newPinHash = KioskPin.hash(newPin);
  }

  /** True when the form sends uploads to a tus server rather than S3. */
  public boolean tus() {
    return get(Setting.DESTINATION).trim().equalsIgnoreCase("tus");
  }

  /** Chooses the destination: "s3" or "tus". */
  public void setTus(boolean tus) {
    set(Setting.DESTINATION, tus ? "tus" : "s3");
  }

  /** The environment sets this, and wins over what is saved here. */
  public boolean setByEnvironment(Setting s) {
    String v = env.get(s.name());
    return v != null && !v.isBlank();
  }

  /**
   * The value the environment gives {@code s}, for the dialog to show what is in force; never asked
   * for a secret, which is shown only as "set in the environment".
   */
  public String environmentValue(Setting s) {
    if (s.secret()) throw new IllegalArgumentException(s + " is a secret");
    return env.getOrDefault(s.name(), "").strip();
  }

  /**
   * Puts http:// in front of a server address typed without it ("127.0.0.1:9431"), as a browser
   * would; the note for the volunteer, or empty when the address was left as it was.
   */
  public Optional<String> completeEndpoint() {
    String endpoint = get(Setting.MINIO_ENDPOINT);
    if (!EndpointAddress.completes(endpoint)) return Optional.empty();
    set(Setting.MINIO_ENDPOINT, EndpointAddress.complete(endpoint));
    return Optional.of(EndpointAddress.ADDED_HTTP);
  }

  /** Problems by setting, in plain words; empty when everything can be saved. */
  public Map<Setting, String> validate() {
    Map<Setting, String> errors = new EnumMap<>(Setting.class);
    if (tus()) {
      tusProblems(errors);
    } else {
      s3Problems(errors);
    }
    for (Setting s :
        List.of(
            Setting.PART_SIZE,
            Setting.PARTS_IN_FLIGHT,
            Setting.KEY_TEMPLATE,
            Setting.BANDWIDTH_LIMIT,
            Setting.LIVESTREAM_LIMIT)) {
      String problem = engineProblem(s, get(s));
      if (problem != null) errors.put(s, problem);
    }
    if (!removePin && !newPin.isEmpty()) {
      String problem = KioskPin.problem(newPin);
      if (problem != null) errors.put(Setting.KIOSK_PIN_HASH, problem);
    }
    if (errors.isEmpty()) {
      // the whole set once more, as the engine will see it
      try {
        EngineSettings.options(withStation(effective()));
      } catch (InvalidSettingException e) {
        // a setting the window does not show (KEY_PREFIX) is named, it is set elsewhere
        boolean shown = FIELDS.contains(e.setting());
        errors.put(
            shown ? e.setting() : Setting.KEY_TEMPLATE,
            shown ? words(e) : sentence(e.getMessage()));
      }
    }
    return errors;
  }

  private void tusProblems(Map<Setting, String> errors) {
    String endpoint = effective().get(Setting.TUS_ENDPOINT).trim();
    String problem = DestinationChecks.tusEndpointProblem(endpoint);
    if (problem != null) {
      errors.put(
          Setting.TUS_ENDPOINT,
          endpoint.isBlank()
              ? "Enter the tus server's address, e.g. https://uploads.example.org/files/"
              : sentence("The address " + problem));
    }
    try {
      DestinationChecks.checkTusHeaders(get(Setting.TUS_HEADERS));
    } catch (IllegalArgumentException e) {
      errors.put(
          Setting.TUS_HEADERS, sentence(e.getMessage()) + " Write one 'Name: value' per line.");
    }
  }

  private void s3Problems(Map<Setting, String> errors) {
    String endpoint = get(Setting.MINIO_ENDPOINT).trim();
    boolean server = !endpoint.isEmpty();
    if (server) {
      String problem = endpointProblem(endpoint);
      if (problem != null) errors.put(Setting.MINIO_ENDPOINT, problem);
    }
    String bucket = get(Setting.MINIO_BUCKET).trim();
    if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
      errors.put(
          Setting.MINIO_BUCKET,
          "Use 3 to 63 lowercase letters, digits, dots or dashes (e.g. sermons).");
    }
    if (server
        && get(Setting.MINIO_ACCESS_KEY).isBlank()
        && !setByEnvironment(Setting.MINIO_ACCESS_KEY)) {
      errors.put(Setting.MINIO_ACCESS_KEY, "The server needs an access key.");
    }
    if (server
        && get(Setting.MINIO_SECRET_KEY).isEmpty()
        && !secretSaved()
        && !setByEnvironment(Setting.MINIO_SECRET_KEY)) {
      errors.put(Setting.MINIO_SECRET_KEY, "The server needs the secret key.");
    }
  }

  static String sentence(@Nullable String m) {
    if (m == null || m.isBlank()) return "This value is not valid.";
    m = Character.toUpperCase(m.charAt(0)) + m.substring(1);
    return m.endsWith(".") ? m : m + ".";
  }

  private static @Nullable String endpointProblem(String endpoint) {
    String userInfo = DestinationChecks.serverAddressProblem(endpoint);
    if (userInfo != null) return sentence(userInfo);
    if (!endpoint.startsWith("http://") && !endpoint.startsWith("https://")) {
      return "Start with http:// or https://, e.g. http://192.168.1.10:9000";
    }
    try {
      URI u = URI.create(endpoint);
      if (u.getHost() == null) return "This is not a server address, e.g. http://192.168.1.10:9000";
    } catch (IllegalArgumentException e) {
      return "This is not a server address, e.g. http://192.168.1.10:9000";
    }
    return null;
  }

  /**
   * Runs the engine's own check on one value, with every other setting at its default; the template
   * with the prefix in force, since only the key they make together can be refused.
   */
  private @Nullable String engineProblem(Setting s, String value) {
    Settings one =
        Settings.defaults().with(Setting.STATION_NAME, "station").with(s, blankToNull(value));
    if (s == Setting.KEY_TEMPLATE) {
      one = one.with(Setting.KEY_PREFIX, blankToNull(effective().get(Setting.KEY_PREFIX)));
    }
    try {
      EngineSettings.options(one);
      return null;
    } catch (InvalidSettingException e) {
      // a problem of the prefix alone is said by the check of the whole set, naming it
      return e.setting() == s ? words(e) : null;
    }
  }

  /** "PART_SIZE: must be at least 5MiB" becomes "Must be at least 5MiB." */
  static String words(InvalidSettingException e) {
    String m = java.util.Objects.requireNonNullElse(e.getMessage(), "");
    String prefix = e.setting().name() + ": ";
    if (m.startsWith(prefix)) m = m.substring(prefix.length());
    return sentence(m);
  }

  /** What is written to the settings files; an empty secret field keeps the saved secret. */
  public Settings toSaved() {
    return build(true);
  }

  /** The form's values over the saved ones; the new PIN's slow hash only when {@code withPin}. */
  private Settings build(boolean withPin) {
    Settings s = saved;
    for (Setting f : FIELDS) {
      String v = get(f).trim();
      if (f.secret()) {
        if (!get(f).isEmpty()) s = s.with(f, get(f));
      } else {
        s = s.with(f, blankToNull(v));
      }
    }
    if (removePin) {
      s = s.with(Setting.KIOSK_PIN_HASH, null);
    } else if (withPin && !newPin.isEmpty()) {
      hashPin();
      if (newPinHash != null) s = s.with(Setting.KIOSK_PIN_HASH, newPinHash);
    }
    return s;
  }

  /** What the app will run with: the saved values overlaid with the environment. */
  public Settings effective() {
    return build(false).overlay(env);
  }

  /** The key the example recording would get, or the template's problem. */
  public String keyExample() {
    Settings s = withStation(effective());
    String template = blankToNull(get(Setting.KEY_TEMPLATE).trim());
    try {
      return DestinationChecks.exampleKey(
          s.get(Setting.KEY_PREFIX),
          template,
          s.get(Setting.STATION_NAME),
          EXAMPLE_FILE,
          new SermonDetails("The Good Shepherd", "Pastor Anna", null, "John"),
          LocalDate.of(2024, 5, 12));
    } catch (IllegalArgumentException e) {
      return "Template problem: " + e.getMessage();
    } catch (InvalidSettingException e) {
      return (e.setting() == Setting.KEY_PREFIX ? "Prefix" : "Template") + " problem: " + words(e);
    }
  }

  private Settings withStation(Settings s) {
    return s.isSet(Setting.STATION_NAME)
        ? s
        : s.with(Setting.STATION_NAME, EngineSettings.station(s));
  }

  private static @Nullable String blankToNull(@Nullable String v) {
    return v == null || v.isBlank() ? null : v;
  }
}
