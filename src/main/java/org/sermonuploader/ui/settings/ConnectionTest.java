package org.sermonuploader.ui.settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sermonuploader.app.CheckConnection;
import org.sermonuploader.config.InvalidSettingException;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.model.ConnectionReport;
import org.sermonuploader.model.ConnectionReport.Check.Kind;

/**
 * Test connection, without any FX: tries the destination with the form's values (not yet saved) and
 * puts each check in plain words, in the order a volunteer follows them.
 */
public final class ConnectionTest {
  /** The checks for S3, in order, in plain words. */
  private static final Map<Kind, String> S3_WORDS = new LinkedHashMap<>();

  /** The same for a tus server. */
  private static final Map<Kind, String> TUS_WORDS = new LinkedHashMap<>();

  static {
    S3_WORDS.put(Kind.SERVER, "Server reachable");
    S3_WORDS.put(Kind.CREDENTIALS, "Access key and secret accepted");
    S3_WORDS.put(Kind.BUCKET, "Bucket exists");
    S3_WORDS.put(Kind.WRITE, "Uploading allowed");
    TUS_WORDS.put(Kind.SERVER, "tus server reachable");
    TUS_WORDS.put(Kind.CREDENTIALS, "Token accepted");
    TUS_WORDS.put(Kind.METHOD_OVERRIDE, "Chunks get through");
    TUS_WORDS.put(Kind.WRITE, "Uploading allowed");
  }

  /** How one check went. */
  public enum Result {
    PASSED,
    FAILED,
    /** Skipped: a step before failed, or there is nothing to check. */
    NOT_RUN;

    static Result of(boolean ok) {
      return ok ? PASSED : FAILED;
    }
  }

  /** One line of the answer: what was checked, how it went, and why. */
  public record Line(String what, Result result, String message) {}

  private ConnectionTest() {}

  /**
   * Tries the destination built exactly as uploads will build it: for S3 server reachable,
   * credentials, bucket, write allowed; for tus server reachable, token, chunks, write allowed.
   * Slow: run it off the FX thread.
   */
  public static List<Line> run(SettingsForm form) {
    Settings s = form.effective();
    List<Line> out = new ArrayList<>();
    boolean tus = form.tus();
    if (!tus && !s.isSet(Setting.MINIO_ENDPOINT)) {
      out.add(
          new Line(
              "No server set",
              Result.NOT_RUN,
              "Recordings are kept on this computer in the built-in store until a server is set."));
      return out;
    }
    ConnectionReport report;
    try {
      report = CheckConnection.check(s);
    } catch (InvalidSettingException e) {
      report =
          new ConnectionReport(
              List.of(new ConnectionReport.Check(Kind.SERVER, false, SettingsForm.words(e))));
    }
    Map<Kind, ConnectionReport.Check> byWhat = new LinkedHashMap<>();
    for (ConnectionReport.Check c : report.checks()) byWhat.put(c.what(), c);
    Map<Kind, String> words = tus ? TUS_WORDS : S3_WORDS;
    for (Map.Entry<Kind, String> w : words.entrySet()) {
      ConnectionReport.Check c = byWhat.remove(w.getKey());
      if (c == null
          && tus
          && w.getKey() == Kind.METHOD_OVERRIDE
          && byWhat.containsKey(Kind.WRITE)) {
        continue; // the server gave no clear answer to this one; uploads find out themselves
      }
      out.add(
          c == null
              ? new Line(w.getValue(), Result.NOT_RUN, "not checked, because a step before failed")
              : new Line(w.getValue(), Result.of(c.ok()), c.message()));
    }
    for (ConnectionReport.Check c : byWhat.values())
      out.add(
          new Line(
              c.what().name().toLowerCase(Locale.ROOT).replace('_', '-'),
              Result.of(c.ok()),
              c.message()));
    return out;
  }
}
