package org.sermonuploader.engine.tus;

import io.tus.java.client.ProtocolException;
import io.tus.java.client.TusClient;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.sermonuploader.engine.ConnectionReport;
import org.sermonuploader.engine.FilePart;
import org.sermonuploader.engine.RemoteObject;
import org.sermonuploader.engine.Transfer;
import org.sermonuploader.engine.TransferSession;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.engine.UploadPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads to a tus server (tusd, the tus Node.js server, tus-java-server) with tus-java-client. The
 * engine hands over parts in file order, one at a time; each part goes out as one or more PATCH
 * requests of at most the payload size, starting at the offset the server last confirmed. The
 * server's Upload-Offset is the only truth about what it holds: after any failure the next request
 * starts with a HEAD.
 *
 * <p>The whole file's SHA-256 is known only after the last byte was read, long after the upload was
 * created with its Upload-Metadata; it is delivered as a small companion upload (see docs/tus.md).
 */
public final class TusTransfer implements Transfer {
  private static final Logger log = LoggerFactory.getLogger(TusTransfer.class);

  /** Name suffix and fingerprint prefix of the companion upload carrying the SHA-256. */
  static final String CHECKSUM_SUFFIX = ".sha256";

  static final String CHECKSUM_FINGERPRINT = "sha256-of:";

  private final TusConfig config;
  private final URL endpoint;
  private final TusUrlStore store;
  private final ScheduledExecutorService watchdog;
  private final Set<Session> sending = ConcurrentHashMap.newKeySet();
  private volatile TusServerInfo info;

  public TusTransfer(TusConfig config) throws UploadException {
    this.config = config;
    String problem = TusConfig.checkEndpoint(config.endpoint());
    if (problem != null) {
      throw UploadException.fatal("The tus server address " + problem + ".", "BadEndpoint", null);
    }
    this.endpoint = config.endpointUrl();
    try {
      this.store = TusUrlStore.open(config.urlStoreFile());
    } catch (IOException e) {
      throw UploadException.fatal(e.getMessage(), "UrlStore", e);
    }
    this.watchdog =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "tus-stall-watchdog");
              t.setDaemon(true);
              t.setUncaughtExceptionHandler(
                  (th, e) -> log.error("Uncaught in {}", th.getName(), e));
              return t;
            });
    long every = Math.max(100, Math.min(1000, config.ioTimeout().toMillis() / 4));
    watchdog.scheduleWithFixedDelay(this::cutStalledRequests, every, every, TimeUnit.MILLISECONDS);
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

  private int connectMillis() {
    return (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis());
  }

  private int ioMillis() {
    return (int) Math.min(Integer.MAX_VALUE, config.ioTimeout().toMillis());
  }

  /**
   * Timeouts, protocol version and the configured headers, for requests made outside the library.
   */
  private HttpURLConnection request(String method, URL url) throws IOException {
    HttpURLConnection c = (HttpURLConnection) url.openConnection();
    c.setRequestMethod(method);
    c.setInstanceFollowRedirects(false);
    c.setConnectTimeout(connectMillis());
    c.setReadTimeout(ioMillis());
    c.setRequestProperty("Tus-Resumable", TusClient.TUS_VERSION);
    config.headers().forEach(c::setRequestProperty);
    return c;
  }

  /**
   * tus-java-client with timeouts (it sets none for reading) and a hook to add per-request headers.
   */
  private final class Client extends TusClient {
    private final Consumer<HttpURLConnection> prepared;

    Client(Consumer<HttpURLConnection> prepared) {
      this.prepared = prepared;
      setUploadCreationURL(endpoint);
      setHeaders(config.headers());
      setConnectTimeout(connectMillis());
      enableResuming(store);
      enableRemoveFingerprintOnSuccess();
    }

    @Override
    public void prepareConnection(HttpURLConnection connection) {
      super.prepareConnection(connection);
      connection.setReadTimeout(ioMillis());
      prepared.accept(connection);
    }
  }

  private TusUploader configure(TusUploader uploader) {
    uploader.setRequestPayloadSize(config.payloadSize());
    if (uploader.getChunkSize() != config.chunkSize()) uploader.setChunkSize(config.chunkSize());
    return uploader;
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
    HttpURLConnection c = null;
    try {
      c = request("OPTIONS", endpoint);
      int status = c.getResponseCode();
      if (status < 200 || status >= 300)
        throw TusErrors.forStatus(status, config.endpoint(), false, null);
      return TusServerInfo.from(c);
    } catch (IOException e) {
      throw TusErrors.translate(e, config.endpoint(), false);
    } finally {
      if (c != null) c.disconnect();
    }
  }

  /** A tus server has no lookup by name: what it holds is known only by upload URL. */
  @Override
  public Optional<RemoteObject> find(String key) {
    return Optional.empty();
  }

  @Override
  public TransferSession open(UploadPlan plan, String priorUploadId) throws UploadException {
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
    Session s = new Session(plan, fingerprint, i.checksumAlgorithm());
    if (plan.singleRequest()) return s; // created by sendWhole, when the SHA-256 is known
    if (priorUploadId != null && !priorUploadId.isEmpty()) {
      s.resume(priorUploadId);
    } else {
      s.resumeOrCreate(metadata(plan, null));
    }
    return s;
  }

  @Override
  public void abort(String key, String uploadId) throws UploadException {
    URL url;
    try {
      url = new URI(uploadId).toURL();
    } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
      return;
    }
    store.removeUrl(uploadId);
    store.remove(CHECKSUM_FINGERPRINT + uploadId);
    TusServerInfo i = info();
    if (i.known() && !i.supports("termination")) {
      log.info(
          "The tus server cannot remove the unfinished upload of {} (no termination extension); it keeps it until it expires",
          key);
      return;
    }
    HttpURLConnection c = null;
    try {
      c = request("DELETE", url);
      int status = c.getResponseCode();
      if ((status >= 200 && status < 300) || status == 404 || status == 410) {
        log.info("Removed the unfinished upload of {} from the tus server", key);
        return;
      }
      UploadException e = TusErrors.forStatus(status, config.endpoint(), true, null);
      if (e.kind() != UploadException.Kind.UPLOAD_GONE) throw e;
    } catch (IOException e) {
      throw TusErrors.translate(e, config.endpoint(), true);
    } finally {
      if (c != null) c.disconnect();
    }
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
      boolean refused = "HTTP401".equals(e.code()) || "HTTP403".equals(e.code());
      if (refused) {
        checks.add(
            new ConnectionReport.Check("server", true, "The server at " + where + " answers."));
        checks.add(new ConnectionReport.Check("credentials", false, e.describe()));
      } else {
        checks.add(new ConnectionReport.Check("server", false, e.describe()));
      }
      return new ConnectionReport(checks);
    }
    if (!i.versions().contains(TusClient.TUS_VERSION)) {
      checks.add(
          new ConnectionReport.Check(
              "server",
              false,
              "The server at "
                  + where
                  + " does not speak tus "
                  + TusClient.TUS_VERSION
                  + " (its answer to OPTIONS has no such Tus-Version)."));
      return new ConnectionReport(checks);
    }
    checks.add(
        new ConnectionReport.Check(
            "server",
            true,
            "The tus server at "
                + where
                + " answers (extensions: "
                + (i.extensions().isEmpty() ? "none" : String.join(", ", i.extensions()))
                + ")."));
    // OPTIONS is often let through without a token (browsers send it unauthenticated), so ask for
    // an upload that does not exist: a server that checks the token refuses before it looks
    String base = where.endsWith("/") ? where : where + "/";
    HttpURLConnection c = null;
    try {
      c = request("HEAD", new URI(base + "connection-check-" + UUID.randomUUID()).toURL());
      int status = c.getResponseCode();
      if (status == 401 || status == 403 || status == 407) {
        checks.add(
            new ConnectionReport.Check(
                "credentials", false, TusErrors.forStatus(status, where, true, null).describe()));
        return new ConnectionReport(checks);
      }
      checks.add(
          new ConnectionReport.Check(
              "credentials",
              true,
              config.headers().isEmpty()
                  ? "The server asks for no token."
                  : "The server accepts the token."));
    } catch (IOException e) {
      checks.add(
          new ConnectionReport.Check(
              "credentials", false, TusErrors.translate(e, where, true).describe()));
      return new ConnectionReport(checks);
    } catch (URISyntaxException e) {
      checks.add(
          new ConnectionReport.Check("credentials", false, "The server address is not valid."));
      return new ConnectionReport(checks);
    } finally {
      if (c != null) c.disconnect();
    }
    ConnectionReport.Check override = checkMethodOverride(base);
    if (override != null) checks.add(override);
    if (!i.supports("creation")) {
      checks.add(
          new ConnectionReport.Check(
              "write",
              false,
              "The server does not allow new uploads (it does not offer the tus creation extension)."));
    } else {
      checks.add(
          new ConnectionReport.Check(
              "write",
              true,
              "New uploads are allowed."
                  + (i.supports("termination")
                      ? ""
                      : " The server cannot remove cancelled uploads (no termination extension).")));
    }
    return new ConnectionReport(checks);
  }

  /**
   * The client sends PATCH as POST with X-HTTP-Method-Override (Java's HttpURLConnection knows no
   * PATCH). An empty such request for an upload that does not exist is a 404 where the header is
   * honoured, and a refused creation (400) where it is not. Null when the answer says neither.
   */
  private ConnectionReport.Check checkMethodOverride(String base) {
    HttpURLConnection c = null;
    try {
      c = request("POST", new URI(base + "connection-check-" + UUID.randomUUID()).toURL());
      c.setRequestProperty("X-HTTP-Method-Override", "PATCH");
      // a fresh connection: the answer must come from this request, not a reused socket's state
      c.setRequestProperty("Connection", "close");
      c.setRequestProperty("Upload-Offset", "0");
      c.setRequestProperty("Content-Type", "application/offset+octet-stream");
      c.setDoOutput(true);
      c.setFixedLengthStreamingMode(0);
      c.getOutputStream().close();
      int status = c.getResponseCode();
      if (status == 404 || status == 410) {
        return new ConnectionReport.Check(
            "method-override",
            true,
            "The server accepts chunks sent as POST with X-HTTP-Method-Override.");
      }
      if (status == 400 || status == 405 || (status >= 200 && status < 300)) {
        log.warn("The tus server answered {} to POST with X-HTTP-Method-Override: PATCH", status);
        return new ConnectionReport.Check("method-override", false, METHOD_OVERRIDE_MISSING);
      }
      log.info("The method-override probe got HTTP {}: no verdict", status);
      return null;
    } catch (IOException | URISyntaxException e) {
      log.info("The method-override probe failed: {}", e.toString());
      return null;
    } finally {
      if (c != null) c.disconnect();
    }
  }

  static final String METHOD_OVERRIDE_MISSING =
      "The server does not honour the X-HTTP-Method-Override header, which this"
          + " app needs to send chunks. See docs/tus.md (the tus Node.js server 2.x needs two lines for it).";

  /** Cuts a request whose body has not moved for the I/O timeout: socket writes have no timeout. */
  private void cutStalledRequests() {
    long limit = config.ioTimeout().toNanos();
    long now = System.nanoTime();
    for (Session s : sending) {
      PartWindowStream st = s.stream;
      long last = Math.max(s.busySince, st == null ? 0 : st.lastReadNanos());
      HttpURLConnection c = s.current;
      if (c != null && now - last > limit) {
        log.warn(
            "The upload of {} stalled for {} s; cutting the request so it is retried",
            s.plan.key(),
            config.ioTimeout().toSeconds());
        s.busySince = now;
        c.disconnect();
      }
    }
  }

  @Override
  public void close() {
    watchdog.shutdownNow();
    store.close();
  }

  /** Upload-Metadata: tus's usual "filename", the object key, and the engine's metadata. */
  static Map<String, String> metadata(UploadPlan plan, String sha256Hex) {
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

  private static String fileName(UploadPlan plan) {
    String name = plan.metadata().get("original-filename");
    if (name != null) return name;
    String key = plan.key();
    return key.substring(key.lastIndexOf('/') + 1);
  }

  private static MessageDigest digest(String tusAlgorithm) {
    try {
      return MessageDigest.getInstance("sha1".equals(tusAlgorithm) ? "SHA-1" : "SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One file's tus upload. The engine calls it from one thread at a time, parts in file order. */
  private final class Session implements TransferSession {
    final UploadPlan plan;
    final String fingerprint;

    /** "sha256", "sha1" or null: the Upload-Checksum each PATCH carries. */
    final String checksum;

    final Client client;
    URL url;
    TusUploader uploader;
    volatile PartWindowStream stream;

    /** The offset the server last stated (HEAD or PATCH answer), -1 when unknown. */
    long serverOffset = -1;

    volatile HttpURLConnection current;
    volatile long busySince;

    Session(UploadPlan plan, String fingerprint, String checksum) {
      this.plan = plan;
      this.fingerprint = fingerprint;
      this.checksum = checksum;
      this.client = new Client(this::prepared);
    }

    /** Called for every request the library makes, before it is sent. */
    private void prepared(HttpURLConnection c) {
      current = c;
      // the uploader prepares its PATCH before it sets the method; HEAD and POST set theirs first
      TusUploader u = uploader;
      PartWindowStream s = stream;
      if (checksum != null
          && "GET".equals(c.getRequestMethod())
          && u != null
          && s != null
          && s.hasWindow()) {
        long from = u.getOffset();
        long count = Math.min(config.payloadSize(), s.windowEnd() - from);
        MessageDigest d = digest(checksum);
        try {
          s.digest(d, from, count);
          c.setRequestProperty(
              "Upload-Checksum", checksum + " " + Base64.getEncoder().encodeToString(d.digest()));
        } catch (IOException e) {
          // no checksum, no request: the body's first read fails with this, as a send would
          s.fail(e);
        }
      }
    }

    @Override
    public String uploadId() {
      return url == null ? "" : url.toString();
    }

    @Override
    public boolean parallel() {
      return false;
    }

    private TusUpload upload(PartWindowStream s, Map<String, String> metadata) {
      TusUpload u = new Utf8Upload();
      u.setSize(plan.size());
      u.setFingerprint(fingerprint);
      u.setMetadata(metadata);
      u.setInputStream(s);
      return u;
    }

    private void discard() {
      HttpURLConnection c = current;
      if (c != null) c.disconnect();
      uploader = null;
      stream = null;
      serverOffset = -1;
    }

    /** Asks the server where the upload stands (HEAD), unless the last answer is still valid. */
    private void ensureUploader() throws UploadException {
      if (uploader != null) return;
      PartWindowStream s = new PartWindowStream();
      try {
        TusUploader u =
            configure(client.beginOrResumeUploadFromURL(upload(s, metadata(plan, null)), url));
        String length = current == null ? null : current.getHeaderField("Upload-Length");
        if (length != null && !length.trim().equals(Long.toString(plan.size()))) {
          discard();
          throw new UploadException(
              UploadException.Kind.UPLOAD_GONE,
              "The unfinished upload on the server belongs to another version of the file.",
              "TusLengthMismatch",
              "server Upload-Length " + length + ", file " + plan.size(),
              null);
        }
        stream = s;
        uploader = u;
        serverOffset = u.getOffset();
      } catch (ProtocolException | IOException e) {
        discard();
        throw TusErrors.translate(e, config.endpoint(), true);
      }
    }

    private void create(Map<String, String> metadata) throws UploadException {
      PartWindowStream s = new PartWindowStream();
      try {
        TusUploader u = configure(client.createUpload(upload(s, metadata)));
        stream = s;
        uploader = u;
        url = u.getUploadURL();
        serverOffset = u.getOffset();
      } catch (ProtocolException | IOException e) {
        discard();
        throw TusErrors.translate(e, config.endpoint(), false);
      }
      log.info("Started a tus upload of {} ({} bytes) at {}", plan.key(), plan.size(), url);
    }

    synchronized void resume(String prior) throws UploadException {
      try {
        url = new URI(prior).toURL();
      } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
        throw new UploadException(
            UploadException.Kind.UPLOAD_GONE,
            "The upload address in the journal is not valid.",
            "TusBadUrl",
            prior,
            e);
      }
      try {
        ensureUploader();
      } catch (UploadException e) {
        if (e.kind() == UploadException.Kind.UPLOAD_GONE) store.removeUrl(prior);
        throw e;
      }
      store.set(fingerprint, url);
      log.info(
          "Continuing the tus upload of {}: the server holds {} of {} bytes",
          plan.key(),
          serverOffset,
          plan.size());
    }

    /** Continues an upload this computer started for the same file version, else creates one. */
    synchronized void resumeOrCreate(Map<String, String> metadata) throws UploadException {
      URL known = store.get(fingerprint);
      if (known != null) {
        url = known;
        try {
          ensureUploader();
          log.info(
              "Continuing an earlier tus upload of {} found by its fingerprint: the server holds {} of {} bytes",
              plan.key(),
              serverOffset,
              plan.size());
          return;
        } catch (UploadException e) {
          url = null;
          if (e.kind() != UploadException.Kind.UPLOAD_GONE) throw e;
          log.info(
              "The server no longer has the earlier upload of {}; starting a new one", plan.key());
          store.remove(fingerprint);
        }
      }
      create(metadata);
    }

    @Override
    public synchronized Map<Integer, String> confirmedParts() throws UploadException {
      Map<Integer, String> out = new TreeMap<>();
      if (url == null) return out;
      ensureUploader();
      for (int n = 1; n <= plan.partCount(); n++) {
        long end = plan.partOffset(n) + plan.partLength(n);
        if (end <= serverOffset) out.put(n, Long.toString(end));
      }
      return out;
    }

    @Override
    public String sendPart(int partNumber, long offset, FilePart data) throws UploadException {
      return Long.toString(sendRange(offset, data));
    }

    /**
     * Sends the file bytes [start, start + data.length) from the server's offset on; returns the
     * end.
     */
    private synchronized long sendRange(long start, FilePart data) throws UploadException {
      long end = start + data.length();
      ensureUploader();
      if (serverOffset >= end) return end; // the server has this part already
      if (serverOffset < start) {
        long behind = serverOffset;
        discard();
        throw new UploadException(
            UploadException.Kind.UPLOAD_GONE,
            "The server holds less of the file than it confirmed before.",
            "TusOffsetBehind",
            "server offset " + behind + ", next part starts at " + start,
            null);
      }
      PartWindowStream s = stream;
      TusUploader u = uploader;
      s.window(start, data);
      busySince = System.nanoTime();
      sending.add(this);
      try {
        while (s.position() < end) {
          if (Thread.currentThread().isInterrupted()) throw new InterruptedIOException("stopped");
          if (u.uploadChunk() < 0) break;
        }
        busySince = System.nanoTime();
        u.finish(false);
        serverOffset = u.getOffset();
      } catch (ProtocolException | IOException e) {
        discard();
        throw TusErrors.translate(e, config.endpoint(), true);
      } finally {
        sending.remove(this);
        s.clear();
      }
      if (serverOffset != end) {
        discard();
        throw UploadException.retryable(
            "The server took less of the part than was sent.", "TusShortWrite", null);
      }
      return end;
    }

    @Override
    public synchronized RemoteObject sendWhole(FilePart data, String sha256Base64, String sha256Hex)
        throws UploadException {
      if (url == null) resumeOrCreate(metadata(plan, sha256Hex));
      sendRange(0, data);
      return complete(List.of(), sha256Hex);
    }

    @Override
    public synchronized RemoteObject complete(List<SentPart> parts, String sha256Hex)
        throws UploadException {
      if (serverOffset != plan.size()) {
        discard();
        ensureUploader();
      }
      if (serverOffset != plan.size()) {
        long held = serverOffset;
        discard();
        throw new UploadException(
            UploadException.Kind.UPLOAD_GONE,
            "The server holds only part of the finished file.",
            "TusIncomplete",
            "server offset " + held + " of " + plan.size(),
            null);
      }
      sendChecksumFile(sha256Hex);
      store.remove(fingerprint);
      store.removeUrl(url.toString());
      log.info("tus upload of {} complete at {}", plan.key(), url);
      return new RemoteObject(plan.key(), plan.size(), sha256Hex);
    }

    /**
     * The companion upload: a sha256sum line for the file, with the hash and the main upload's URL
     * in its Upload-Metadata too. Resumable like any upload (its URL is stored by fingerprint).
     */
    private void sendChecksumFile(String sha256Hex) throws UploadException {
      String name = fileName(plan);
      byte[] body = (sha256Hex + "  " + name + "\n").getBytes(StandardCharsets.UTF_8);
      Map<String, String> meta = new LinkedHashMap<>();
      meta.put("filename", name + CHECKSUM_SUFFIX);
      meta.put("key", plan.key() + CHECKSUM_SUFFIX);
      meta.put("sha256", sha256Hex);
      meta.put("sha256-of", url.toString());
      meta.put("sha256-of-key", plan.key());
      if (plan.metadata().containsKey("station"))
        meta.put("station", plan.metadata().get("station"));
      TusUpload u = new Utf8Upload();
      u.setSize(body.length);
      u.setFingerprint(CHECKSUM_FINGERPRINT + url);
      u.setMetadata(meta);
      u.setInputStream(new ByteArrayInputStream(body));
      TusUploader[] running = new TusUploader[1];
      Client c =
          new Client(
              conn -> {
                current = conn;
                if (checksum != null
                    && "GET".equals(conn.getRequestMethod())
                    && running[0] != null) {
                  int from = (int) running[0].getOffset();
                  MessageDigest d = digest(checksum);
                  d.update(body, from, body.length - from);
                  conn.setRequestProperty(
                      "Upload-Checksum",
                      checksum + " " + Base64.getEncoder().encodeToString(d.digest()));
                }
              });
      try {
        TusUploader up = configure(c.resumeOrCreateUpload(u));
        running[0] = up;
        if (up.getOffset() < body.length) {
          while (up.uploadChunk() > -1) {
            if (up.getOffset() >= body.length) break;
          }
        }
        up.finish(false);
        if (up.getOffset() != body.length) {
          throw UploadException.retryable(
              "The server did not take the checksum file.", "TusShortWrite", null);
        }
        store.remove(CHECKSUM_FINGERPRINT + url);
      } catch (ProtocolException | IOException e) {
        HttpURLConnection conn = current;
        if (conn != null) conn.disconnect();
        UploadException ue = TusErrors.translate(e, config.endpoint(), true);
        if (ue.kind() == UploadException.Kind.UPLOAD_GONE) {
          // only the checksum file is gone, not the recording: send it again
          store.remove(CHECKSUM_FINGERPRINT + url);
          throw UploadException.retryable("The checksum file must be sent again.", ue.code(), e);
        }
        throw ue;
      }
    }

    @Override
    public synchronized void abort() throws UploadException {
      store.remove(fingerprint);
      if (url != null) TusTransfer.this.abort(plan.key(), url.toString());
    }
  }
}
