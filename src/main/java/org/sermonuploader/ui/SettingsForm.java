package org.sermonuploader.ui;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.sermonuploader.app.UploadService;
import org.sermonuploader.config.InvalidSettingException;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.engine.ConnectionReport;
import org.sermonuploader.engine.ObjectKeys;
import org.sermonuploader.engine.SermonDetails;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.engine.s3.S3Config;
import org.sermonuploader.engine.s3.S3Transfer;

/**
 * The settings dialog's values and their checks, without any FX, so they are tested on their own.
 * Starts from what the settings files hold (not the environment, which is never written back).
 */
public final class SettingsForm {
  public static final List<Setting> FIELDS = List.of(Setting.MINIO_ENDPOINT, Setting.MINIO_BUCKET,
      Setting.MINIO_ACCESS_KEY, Setting.MINIO_SECRET_KEY, Setting.MINIO_CREATE_BUCKET, Setting.STATION_NAME,
      Setting.KEY_TEMPLATE, Setting.PART_SIZE, Setting.PARTS_IN_FLIGHT);
  /** The file name the key example is shown for. */
  public static final String EXAMPLE_FILE = "Morning service 2024-05-12.mp3";

  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  /** The four checks of Test connection, in order, in plain words. */
  private static final Map<String, String> CHECK_WORDS = new LinkedHashMap<>();

  static {
    CHECK_WORDS.put("server", "Server reachable");
    CHECK_WORDS.put("credentials", "Access key and secret accepted");
    CHECK_WORDS.put("bucket", "Bucket exists");
    CHECK_WORDS.put("write", "Uploading allowed");
  }

  private final Settings saved;
  private final Map<String, String> env;
  private final Map<Setting, String> values = new EnumMap<>(Setting.class);

  public SettingsForm(Settings saved, Map<String, String> env) {
    this.saved = saved;
    this.env = env;
    for (Setting s : FIELDS) values.put(s, s.secret() ? "" : saved.get(s));
  }

  public String get(Setting s) {
    return values.getOrDefault(s, "");
  }

  public void set(Setting s, String value) {
    values.put(s, value == null ? "" : value);
  }

  /** A secret is kept in the secrets file: an empty secret field keeps it. */
  public boolean secretSaved() {
    return saved.isSet(Setting.MINIO_SECRET_KEY);
  }

  /** The environment sets this, and wins over what is saved here. */
  public boolean setByEnvironment(Setting s) {
    String v = env.get(s.name());
    return v != null && !v.isBlank();
  }

  /** Problems by setting, in plain words; empty when everything can be saved. */
  public Map<Setting, String> validate() {
    Map<Setting, String> errors = new EnumMap<>(Setting.class);
    String endpoint = get(Setting.MINIO_ENDPOINT).trim();
    boolean server = !endpoint.isEmpty();
    if (server) {
      String problem = endpointProblem(endpoint);
      if (problem != null) errors.put(Setting.MINIO_ENDPOINT, problem);
    }
    String bucket = get(Setting.MINIO_BUCKET).trim();
    if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
      errors.put(Setting.MINIO_BUCKET, "Use 3 to 63 lowercase letters, digits, dots or dashes (e.g. sermons).");
    }
    if (server && get(Setting.MINIO_ACCESS_KEY).isBlank() && !setByEnvironment(Setting.MINIO_ACCESS_KEY)) {
      errors.put(Setting.MINIO_ACCESS_KEY, "The server needs an access key.");
    }
    if (server && get(Setting.MINIO_SECRET_KEY).isEmpty() && !secretSaved() && !setByEnvironment(Setting.MINIO_SECRET_KEY)) {
      errors.put(Setting.MINIO_SECRET_KEY, "The server needs the secret key.");
    }
    for (Setting s : List.of(Setting.PART_SIZE, Setting.PARTS_IN_FLIGHT, Setting.KEY_TEMPLATE)) {
      String problem = engineProblem(s, get(s));
      if (problem != null) errors.put(s, problem);
    }
    if (errors.isEmpty()) {
      // the whole set once more, as the engine will see it
      try {
        UploadService.engineOptions(withStation(effective()));
      } catch (InvalidSettingException e) {
        errors.put(FIELDS.contains(e.setting()) ? e.setting() : Setting.KEY_TEMPLATE, words(e));
      }
    }
    return errors;
  }

  private static String endpointProblem(String endpoint) {
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

  /** Runs the engine's own check on one value, with every other setting at its default. */
  private static String engineProblem(Setting s, String value) {
    Settings one = Settings.defaults().with(Setting.STATION_NAME, "station").with(s, blankToNull(value));
    try {
      UploadService.engineOptions(one);
      return null;
    } catch (InvalidSettingException e) {
      return words(e);
    }
  }

  /** "PART_SIZE: must be at least 5MiB" becomes "Must be at least 5MiB." */
  private static String words(InvalidSettingException e) {
    String m = e.getMessage();
    String prefix = e.setting().name() + ": ";
    if (m.startsWith(prefix)) m = m.substring(prefix.length());
    m = Character.toUpperCase(m.charAt(0)) + m.substring(1);
    return m.endsWith(".") ? m : m + ".";
  }

  /** What is written to the settings files; an empty secret field keeps the saved secret. */
  public Settings toSaved() {
    Settings s = saved;
    for (Setting f : FIELDS) {
      String v = get(f).trim();
      if (f.secret()) {
        if (!get(f).isEmpty()) s = s.with(f, get(f));
      } else {
        s = s.with(f, blankToNull(v));
      }
    }
    return s;
  }

  /** What the app will run with: the saved values overlaid with the environment. */
  public Settings effective() {
    return toSaved().overlay(env);
  }

  /** The key the example recording would get, or the template's problem. */
  public String keyExample() {
    Settings s = withStation(effective());
    String template = blankToNull(get(Setting.KEY_TEMPLATE).trim());
    try {
      ObjectKeys keys = new ObjectKeys(s.get(Setting.KEY_PREFIX), template, s.get(Setting.STATION_NAME));
      return keys.keyFor(EXAMPLE_FILE, new SermonDetails("The Good Shepherd", "Pastor Anna", null, "John"),
          LocalDate.of(2024, 5, 12));
    } catch (IllegalArgumentException e) {
      return "Template problem: " + e.getMessage();
    }
  }

  private Settings withStation(Settings s) {
    return s.isSet(Setting.STATION_NAME) ? s : s.with(Setting.STATION_NAME, UploadService.station(s));
  }

  /** One line of the Test connection answer. */
  public record CheckLine(String what, Boolean ok, String message) {}

  /**
   * Tries the server with the form's values (not yet saved): server reachable, credentials,
   * bucket, write allowed. Slow: run it off the FX thread.
   */
  public List<CheckLine> testConnection() {
    Settings s = effective();
    List<CheckLine> out = new ArrayList<>();
    if (!s.isSet(Setting.MINIO_ENDPOINT)) {
      out.add(new CheckLine("No server set", null,
          "Recordings are kept on this computer in the built-in store until a server is set."));
      return out;
    }
    ConnectionReport report;
    try (S3Transfer t = new S3Transfer(config(s))) {
      report = t.check();
    } catch (UploadException e) {
      report = new ConnectionReport(List.of(new ConnectionReport.Check("server", false, e.describe())));
    } catch (RuntimeException e) {
      report = new ConnectionReport(List.of(new ConnectionReport.Check("server", false, e.getMessage())));
    }
    Map<String, ConnectionReport.Check> byWhat = new LinkedHashMap<>();
    for (ConnectionReport.Check c : report.checks()) byWhat.put(c.what(), c);
    for (Map.Entry<String, String> w : CHECK_WORDS.entrySet()) {
      ConnectionReport.Check c = byWhat.get(w.getKey());
      out.add(c == null
          ? new CheckLine(w.getValue(), null, "not checked, because a step before failed")
          : new CheckLine(w.getValue(), c.ok(), c.message()));
    }
    return out;
  }

  static S3Config config(Settings s) {
    Path ca = s.optional(Setting.MINIO_CA_FILE).map(Path::of).orElse(null);
    return new S3Config(s.get(Setting.MINIO_ENDPOINT).trim(), s.get(Setting.MINIO_BUCKET).trim(),
        s.get(Setting.MINIO_ACCESS_KEY).trim(), s.get(Setting.MINIO_SECRET_KEY), "us-east-1",
        Duration.ofSeconds(s.getInt(Setting.CONNECT_TIMEOUT_SECONDS)),
        Duration.ofSeconds(s.getInt(Setting.IO_TIMEOUT_SECONDS)), ca, s.getBoolean(Setting.MINIO_CREATE_BUCKET));
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v;
  }
}
