package org.sermonuploader.engine.tus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.engine.RemoteObject;
import org.sermonuploader.engine.Transfer;
import org.sermonuploader.engine.TransferSession;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.engine.UploadPlan;
import org.sermonuploader.model.ConnectionReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads to a tus 1.0 server (tusd, the tus Node.js server with its file or S3 store,
 * tus-java-server). The engine hands over parts in file order, one at a time ({@link TusSession});
 * each part goes out as one or more PATCH requests of at most the payload size ({@link TusHttp}),
 * starting at the offset the server last stated. The server's Upload-Offset is the only truth about
 * what it holds: after any failure the next request starts with a HEAD.
 *
 * <p>The whole file's SHA-256 is known only after the last byte was read, long after the upload was
 * created with its Upload-Metadata; it is delivered as a small companion upload (see docs/tus.md).
 */
public final class TusTransfer implements Transfer {
  private static final Logger log = LoggerFactory.getLogger(TusTransfer.class);

  private final TusConfig config;
  private final TusUrlStore store;
  private final TusHttp http;
  private volatile @Nullable TusServerInfo info;

  public TusTransfer(TusConfig config) throws UploadException {
    this.config = config;
    String problem = TusConfig.checkEndpoint(config.endpoint());
    if (problem != null) {
      throw UploadException.fatal("The tus server address " + problem + ".", "BadEndpoint", null);
    }
    try {
      this.store = TusUrlStore.open(config.urlStoreFile());
    } catch (IOException e) {
      throw UploadException.fatal(
          Objects.requireNonNull(e.getMessage(), "the URL store says what failed"), "UrlStore", e);
    }
    this.http = new TusHttp(config, HttpUrl.get(config.endpoint().trim()), store);
  }

  @Override
  public String name() {
    return "tus";
  }

  @Override
  public String describeDestination() {
    return "tus server " + config.endpoint();
  }

  public TusUrlStore urlStore() {
    return store;
  }

  TusHttp http() {
    return http;
  }

  int payloadSize() {
    return config.payloadSize();
  }

  /** The server's announcements, asked once; unknown (core protocol only) if OPTIONS fails. */
  TusServerInfo info() {
    TusServerInfo i = info;
    if (i != null) return i;
    try {
      i = options();
      info = i;
      return i;
    } catch (UploadException e) {
      log.info(
          "The tus server did not answer OPTIONS ({}); assuming no extensions for now",
          e.getMessage());
      return TusServerInfo.UNKNOWN;
    }
  }

  private TusServerInfo options() throws UploadException {
    TusHttp.Answer a;
    try {
      a = http.options();
    } catch (IOException e) {
      throw TusErrors.translate(e, config.endpoint());
    }
    if (!a.ok()) throw TusErrors.forAnswer(a, config.endpoint(), false);
    return TusServerInfo.from(a.headers());
  }

  /** A tus server has no lookup by name: what it holds is known only by upload URL. */
  @Override
  public Optional<RemoteObject> find(String key) {
    return Optional.empty();
  }

  @Override
  public TransferSession open(UploadPlan plan, @Nullable String priorUploadId)
      throws UploadException {
    TusServerInfo i = info();
    if (i.maxSize() > 0 && plan.size() > i.maxSize()) {
      throw UploadException.fatal(
          "The server accepts files up to "
              + org.sermonuploader.config.Units.size(i.maxSize())
              + "; this one is larger.",
          "TusMaxSize",
          null);
    }
    String fingerprint;
    try {
      fingerprint =
          plan.source() != null
              ? Fingerprint.of(plan.source())
              : "key:" + plan.key() + ":" + plan.size();
    } catch (IOException e) {
      throw UploadException.fatal("The file can't be read.", "FileUnreadable", e);
    }
    TusSession s = new TusSession(this, i, plan, fingerprint);
    if (plan.singleRequest()) return s; // created by sendWhole, when the SHA-256 is known
    if (priorUploadId != null && !priorUploadId.isEmpty()) {
      s.resume(priorUploadId);
    } else {
      // created before the first part is read, so the journal holds its URL from the start
      s.resumeOrCreate(metadata(plan, null), null);
    }
    return s;
  }

  @Override
  public void abort(String key, String uploadId) throws UploadException {
    HttpUrl url = HttpUrl.parse(uploadId);
    if (url == null) return;
    store.removeUrl(uploadId);
    store.remove(ChecksumFile.FINGERPRINT + uploadId);
    TusServerInfo i = info();
    if (i.known() && !i.supports("termination")) {
      log.info(
          "The tus server cannot remove the unfinished upload of {} (no termination extension); it keeps it until it expires",
          key);
      return;
    }
    TusHttp.Answer a;
    try {
      a = http.delete(url);
    } catch (IOException e) {
      throw TusErrors.translate(e, config.endpoint());
    }
    if (a.ok() || a.status() == 404 || a.status() == 410) {
      log.info("Removed the unfinished upload of {} from the tus server", key);
      return;
    }
    throw TusErrors.forAnswer(a, config.endpoint(), true);
  }

  @Override
  public ConnectionReport check() {
    List<ConnectionReport.Check> checks = new ArrayList<>();
    String where = config.endpoint();
    TusServerInfo i;
    try {
      i = options();
      info = i;
    } catch (UploadException e) {
      boolean refused = e.reason() == UploadException.Reason.CREDENTIALS_REFUSED;
      if (refused) {
        checks.add(
            new ConnectionReport.Check(
                ConnectionReport.Check.Kind.SERVER, true, "The server at " + where + " answers."));
        checks.add(
            new ConnectionReport.Check(
                ConnectionReport.Check.Kind.CREDENTIALS, false, e.describe()));
      } else {
        // a name that does not resolve is a wrong address until proven otherwise
        boolean waitingMayHelp =
            e.isRetryable() && e.reason() != UploadException.Reason.UNKNOWN_HOST;
        checks.add(
            new ConnectionReport.Check(
                ConnectionReport.Check.Kind.SERVER, false, e.describe(), waitingMayHelp));
      }
      return new ConnectionReport(checks);
    }
    if (!i.versions().contains(TusHttp.TUS_VERSION)) {
      checks.add(
          new ConnectionReport.Check(
              ConnectionReport.Check.Kind.SERVER,
              false,
              "The server at "
                  + where
                  + " does not speak tus "
                  + TusHttp.TUS_VERSION
                  + " (its answer to OPTIONS has no such Tus-Version)."));
      return new ConnectionReport(checks);
    }
    checks.add(
        new ConnectionReport.Check(
            ConnectionReport.Check.Kind.SERVER,
            true,
            "The tus server at "
                + where
                + " answers (extensions: "
                + (i.extensions().isEmpty() ? "none" : String.join(", ", i.extensions()))
                + ")."));
    // OPTIONS is often let through without a token (browsers send it unauthenticated), so ask for
    // an upload that does not exist: a server that checks the token refuses before it looks
    try {
      int status = http.head(probeUrl()).status();
      if (status == 401 || status == 403 || status == 407) {
        checks.add(
            new ConnectionReport.Check(
                ConnectionReport.Check.Kind.CREDENTIALS,
                false,
                TusErrors.forStatus(status, where, true, null).describe()));
        return new ConnectionReport(checks);
      }
      checks.add(
          new ConnectionReport.Check(
              ConnectionReport.Check.Kind.CREDENTIALS,
              true,
              config.headers().isEmpty()
                  ? "The server asks for no token."
                  : "The server accepts the token."));
    } catch (IOException e) {
      checks.add(
          new ConnectionReport.Check(
              ConnectionReport.Check.Kind.CREDENTIALS,
              false,
              TusErrors.translate(e, where).describe()));
      return new ConnectionReport(checks);
    }
    ConnectionReport.Check chunks = checkChunks();
    if (chunks != null) checks.add(chunks);
    if (!i.supports("creation")) {
      checks.add(
          new ConnectionReport.Check(
              ConnectionReport.Check.Kind.WRITE,
              false,
              "The server does not allow new uploads (it does not offer the tus creation extension)."));
    } else {
      checks.add(
          new ConnectionReport.Check(
              ConnectionReport.Check.Kind.WRITE,
              true,
              "New uploads are allowed."
                  + (i.supports("termination")
                      ? ""
                      : " The server cannot remove cancelled uploads (no termination extension).")));
    }
    return new ConnectionReport(checks);
  }

  /** An upload that does not exist, under the endpoint as a folder (it may lack the last "/"). */
  private HttpUrl probeUrl() {
    return http.endpoint()
        .newBuilder()
        .addPathSegment("connection-check-" + UUID.randomUUID())
        .build();
  }

  /**
   * An empty chunk for an upload that does not exist: 404 where chunks get through, as PATCH or,
   * where that is refused, as POST with X-HTTP-Method-Override (found out and remembered here as on
   * any chunk). Null when the answer says neither.
   */
  private ConnectionReport.@Nullable Check checkChunks() {
    TusHttp.Answer a;
    try {
      a = http.write(probeUrl(), 0, TusHttp.body(new byte[0]), null);
    } catch (IOException e) {
      log.info("The chunk check failed: {}", e.toString());
      return null;
    }
    if (a.status() == 404 || a.status() == 410) {
      return new ConnectionReport.Check(
          ConnectionReport.Check.Kind.METHOD_OVERRIDE,
          true,
          http.patchAsPost()
              ? "The server refuses PATCH; chunks go as POST with X-HTTP-Method-Override."
              : "The server takes chunks as PATCH requests.");
    }
    if (a.status() == 400 || a.status() == 405 || a.status() == 501) {
      log.warn("The tus server refused an empty chunk: HTTP {} {}", a.status(), a.text());
      return new ConnectionReport.Check(
          ConnectionReport.Check.Kind.METHOD_OVERRIDE,
          false,
          "The server refuses chunks, as PATCH and as POST with X-HTTP-Method-Override (HTTP "
              + a.status()
              + ").");
    }
    log.info("The chunk check got HTTP {}: no verdict", a.status());
    return null;
  }

  @Override
  public void close() {
    http.close();
    store.close();
  }

  /** Upload-Metadata: tus's usual "filename", the object key, and the engine's metadata. */
  static Map<String, String> metadata(UploadPlan plan, @Nullable String sha256Hex) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("filename", fileName(plan));
    m.put("key", plan.key());
    for (Map.Entry<String, String> e : new TreeMap<>(plan.metadata()).entrySet()) {
      if (!e.getKey().equals("original-filename")) m.putIfAbsent(e.getKey(), e.getValue());
    }
    m.put("size", Long.toString(plan.size()));
    if (sha256Hex != null) m.put("sha256", sha256Hex);
    return m;
  }

  static String fileName(UploadPlan plan) {
    String name = plan.metadata().get("original-filename");
    if (name != null) return name;
    String key = plan.key();
    return key.substring(key.lastIndexOf('/') + 1);
  }
}
