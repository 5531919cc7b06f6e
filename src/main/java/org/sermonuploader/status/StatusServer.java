package org.sermonuploader.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.concurrent.Threads;
import org.sermonuploader.config.ExpectedUploads;
import org.sermonuploader.config.InvalidSettingException;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.engine.UploadEngine;
import org.sermonuploader.memory.MemoryMonitor;
import org.sermonuploader.model.UploadExpectation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small read-only HTTP endpoint for scripts and monitoring: GET /health, /api/memory/status and
 * /api/queue, as JSON, and /metrics in the Prometheus text format. It listens on 127.0.0.1 unless
 * told otherwise; any other address needs a token, which every request must then carry as
 * "Authorization: Bearer &lt;token&gt;". Nothing here changes state.
 */
public final class StatusServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StatusServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final InetAddress bind;
  private final int port;
  private final byte @Nullable [] token;
  private final StatusDocuments documents;
  private final UploadEngine engine;
  private final UploadMetrics metrics;
  private @Nullable HttpServer server;
  private @Nullable ExecutorService workers;

  /**
   * @param bind address to listen on
   * @param port port to listen on; 0 picks a free one (the settings use 0 for "off" and never get
   *     here)
   * @param token required bearer token, or null/blank for none; required for a non-loopback address
   */
  public StatusServer(
      String bind, int port, @Nullable String token, UploadEngine engine, MemoryMonitor monitor) {
    try {
      this.bind = InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      throw new InvalidSettingException(
          Setting.STATUS_BIND, "'" + bind + "' is not an address of this computer");
    }
    if (port < 0 || port > 65_535)
      throw new InvalidSettingException(Setting.STATUS_PORT, "must be between 0 and 65535");
    String given = token == null ? "" : token.strip();
    boolean hasToken = !given.isEmpty();
    if (!this.bind.isLoopbackAddress() && !hasToken) {
      throw new InvalidSettingException(
          Setting.STATUS_TOKEN,
          "the status page is set to listen on "
              + bind
              + " (STATUS_BIND), where other computers can reach it, so it needs a STATUS_TOKEN. Set STATUS_TOKEN,"
              + " or set STATUS_BIND back to 127.0.0.1.");
    }
    this.port = port;
    this.token = hasToken ? given.getBytes(StandardCharsets.UTF_8) : null;
    this.documents = new StatusDocuments(JSON, engine, monitor);
    this.engine = engine;
    this.metrics = new UploadMetrics(engine, monitor, Clock.systemUTC());
  }

  /**
   * Starts the endpoint the settings ask for, if any. Problems never stop the app: a taken port or
   * a missing token is told to the user in {@code notices} and logged, and the app goes on without
   * the status page.
   */
  public static Optional<StatusServer> startFromSettings(
      Settings s, UploadEngine engine, MemoryMonitor monitor, List<String> notices) {
    int port;
    try {
      port = s.getInt(Setting.STATUS_PORT);
      if (port == 0) return Optional.empty();
      StatusServer server =
          new StatusServer(
              s.get(Setting.STATUS_BIND).trim(),
              port,
              s.optional(Setting.STATUS_TOKEN).orElse(null),
              engine,
              monitor);
      server.expect(ExpectedUploads.of(s, ZoneId.systemDefault()).orElse(null));
      return Optional.of(server.start());
    } catch (InvalidSettingException e) {
      log.warn("Status page not started: {}", e.getMessage());
      notices.add(
          "The status page was not started. " + e.getMessage() + " Uploads are not affected.");
    } catch (BindException e) {
      log.warn(
          "Status page not started: port {} on {}: {}",
          s.get(Setting.STATUS_PORT),
          s.get(Setting.STATUS_BIND),
          e.getMessage());
      notices.add(
          "The status page could not start because port "
              + s.get(Setting.STATUS_PORT)
              + " is already in use (perhaps by another copy of Sermon Uploader). Uploads are not affected."
              + " To use another port set STATUS_PORT (or --status-port); 0 turns the status page off.");
    } catch (IOException e) {
      log.warn("Status page not started", e);
      notices.add(
          "The status page could not start (" + e.getMessage() + "). Uploads are not affected.");
    }
    return Optional.empty();
  }

  /**
   * When this station's recordings are expected (EXPECT_UPLOAD): /metrics then says whether the
   * last such time passed without one. Null: never.
   */
  public StatusServer expect(@Nullable UploadExpectation e) {
    metrics.expect(e);
    return this;
  }

  /** Starts listening; throws BindException when the port is taken. */
  public synchronized StatusServer start() throws IOException {
    if (server != null) return this;
    HttpServer s = HttpServer.create(new InetSocketAddress(bind, port), 16);
    engine.addListener(metrics);
    workers = Executors.newFixedThreadPool(2, Threads.numbered("status-http"));
    s.setExecutor(workers);
    s.createContext("/", this::handle);
    s.start();
    server = s;
    log.info(
        "Status page listening on {}{}", url(), token != null ? " (bearer token required)" : "");
    return this;
  }

  /** The port it listens on (the real one when started with 0). */
  public synchronized int port() {
    return server == null ? port : server.getAddress().getPort();
  }

  /** Base address, e.g. http://127.0.0.1:8765 */
  public String url() {
    String host = bind.getHostAddress();
    if (host.contains(":")) host = "[" + host + "]";
    return "http://" + host + ":" + port();
  }

  private void handle(HttpExchange ex) throws IOException {
    try {
      String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
      if (token != null && !authorized(ex)) {
        ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        reply(ex, 401, error("A valid 'Authorization: Bearer <token>' header is required."));
        return;
      }
      if (token == null && !localHost(ex.getRequestHeaders().getFirst("Host"))) {
        // a web page could point its own domain name at 127.0.0.1 and read this; only names of this
        // computer pass
        reply(
            ex,
            403,
            error("Use http://127.0.0.1:" + port() + "/ or http://localhost:" + port() + "/."));
        return;
      }
      if (!method.equals("GET") && !method.equals("HEAD")) {
        ex.getResponseHeaders().set("Allow", "GET, HEAD");
        reply(ex, 405, error("Only GET is supported; the status page changes nothing."));
        return;
      }
      String path = ex.getRequestURI().getPath();
      if (path.length() > 1 && path.endsWith("/")) path = path.substring(0, path.length() - 1);
      switch (path) {
        case "/health" -> reply(ex, 200, documents.health());
        case "/api/memory/status" -> reply(ex, 200, documents.memoryStatus());
        case "/api/queue" -> reply(ex, 200, documents.queue());
        case "/metrics" -> replyMetrics(ex);
        default ->
            reply(
                ex,
                404,
                error("Not found. Try /health, /api/memory/status, /api/queue or /metrics."));
      }
    } catch (RuntimeException e) {
      log.warn("Status request {} failed", ex.getRequestURI().getPath(), e);
      reply(ex, 500, error("Something went wrong; the details are in the log."));
    } finally {
      ex.close();
    }
  }

  private boolean authorized(HttpExchange ex) {
    String header = ex.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return false;
    byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, token);
  }

  /** Host header names this computer: localhost or an IP literal (no DNS name). */
  static boolean localHost(String hostHeader) {
    if (hostHeader == null || hostHeader.isBlank()) return true;
    String host = hostHeader.strip().toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) return host.indexOf(']') > 0; // IPv6 literal
    int colon = host.lastIndexOf(':');
    if (colon >= 0) host = host.substring(0, colon);
    return host.equals("localhost") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }

  private static ObjectNode error(String message) {
    ObjectNode o = JSON.createObjectNode();
    o.put("success", false);
    o.put("error", message);
    return o;
  }

  private static void reply(HttpExchange ex, int status, ObjectNode body) throws IOException {
    byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    boolean head = ex.getRequestMethod().equalsIgnoreCase("HEAD");
    ex.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private void replyMetrics(HttpExchange ex) throws IOException {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    metrics.write(text);
    ex.getResponseHeaders().set("Content-Type", UploadMetrics.CONTENT_TYPE);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = ex.getRequestMethod().equalsIgnoreCase("HEAD");
    ex.sendResponseHeaders(200, head ? -1 : text.size());
    if (!head) {
      try (OutputStream out = ex.getResponseBody()) {
        text.writeTo(out);
      }
    }
  }

  @Override
  public synchronized void close() {
    if (server == null) return;
    engine.removeListener(metrics);
    server.stop(0);
    if (workers != null) workers.shutdownNow();
    server = null;
    log.info("Status page stopped");
  }
}
