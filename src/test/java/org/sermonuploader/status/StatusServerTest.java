package org.sermonuploader.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.bandwidth.Bandwidth;
import org.sermonuploader.bandwidth.BandwidthSchedule;
import org.sermonuploader.config.InvalidSettingException;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.config.Version;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.memory.FakeProbe;
import org.sermonuploader.memory.MemoryMonitor;
import org.sermonuploader.memory.MemoryPolicy;
import org.sermonuploader.memory.TestRig;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.SermonDetails;

/** The status endpoint in front of a running engine, asked over real HTTP. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StatusServerTest {
  static final MemoryPolicy POLICY = new MemoryPolicy(1000L << 20, 0.8, 0.95, 200L << 20);
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @TempDir Path dir;
  private final FakeProbe probe = new FakeProbe(300, 3000);
  private final AtomicInteger gcCalls = new AtomicInteger();
  private final MemoryMonitor monitor =
      new MemoryMonitor(
          POLICY,
          probe,
          Duration.ofMillis(50),
          gcCalls::incrementAndGet,
          Duration.ofSeconds(60),
          System::nanoTime);
  private final List<StatusServer> servers = new ArrayList<>();
  private TestRig rig;

  @BeforeEach
  void setUp() throws Exception {
    monitor.start();
    rig = TestRig.start(dir, monitor, 2);
  }

  @AfterEach
  void tearDown() {
    servers.forEach(StatusServer::close);
    monitor.close();
    rig.close();
  }

  private StatusServer server(String bind, String token) throws Exception {
    StatusServer s = new StatusServer(bind, 0, token, rig.engine, monitor).start();
    servers.add(s);
    return s;
  }

  static HttpResponse<String> get(int port, String path, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10));
    if (token != null) b.header("Authorization", "Bearer " + token);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode getJson(int port, String path) throws Exception {
    HttpResponse<String> r = get(port, path, null);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(
        "application/json; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
    return JSON.readTree(r.body());
  }

  @Test
  void healthHasThePredecessorsFieldsAndMore() throws Exception {
    int port = server("127.0.0.1", null).port();
    JsonNode h = getJson(port, "/health");
    assertEquals("healthy", h.path("status").asText());
    assertEquals("sermon-uploader", h.path("service").asText());
    assertEquals(Version.get(), h.path("version").asText());
    assertTrue(h.path("uptime_seconds").isIntegralNumber());
    assertTrue(
        h.path("uptime").asText().endsWith(" s") || h.path("uptime").asText().contains("min"));
    JsonNode m = h.path("memory");
    assertTrue(m.path("alloc_mb").isTextual(), "kept a string, as the Go service sent it");
    assertTrue(m.path("alloc_mb").asText().matches("\\d+\\.\\d\\d"), m.toString());
    assertEquals("normal", m.path("pressure_level").asText());
    assertEquals("30.0", m.path("usage_percent").asText(), "300 MB of a 1000 MB budget");
    assertEquals(300.0, m.path("rss_mb").asDouble());
    assertEquals(1000, m.path("budget_mb").asInt());
    JsonNode q = h.path("queue");
    assertEquals(0, q.path("total").asInt());
    assertEquals(0, q.path("by_state").path("paused_low_memory").asInt());
  }

  @Test
  void memoryStatusShowsLevelFiguresAndAdvice() throws Exception {
    int port = server("127.0.0.1", null).port();
    JsonNode r = getJson(port, "/api/memory/status");
    assertTrue(r.path("success").asBoolean());
    JsonNode stats = r.path("memory").path("current_stats");
    assertEquals("normal", stats.path("pressure_level").asText());
    assertEquals("30.0", stats.path("usage_percent").asText());
    assertEquals("75.00", stats.path("alloc_mb").asText(), "the heap the probe reports");
    assertEquals(3000.0, stats.path("system_available_mb").asDouble());
    assertEquals(
        "Memory usage is healthy", r.path("memory").path("recommendations").path(0).asText());
    assertTrue(r.path("memory").path("uploads").path("new_parts_allowed").asBoolean());

    probe.rss(850);
    monitor.sampleNow();
    r = getJson(port, "/api/memory/status");
    stats = r.path("memory").path("current_stats");
    assertEquals("warning", stats.path("pressure_level").asText());
    assertEquals("85.0", stats.path("usage_percent").asText());
    String advice = r.path("memory").path("recommendations").toString();
    assertTrue(advice.contains("850 MB of its 1000 MB budget"), advice);
    assertFalse(r.path("memory").path("uploads").path("new_parts_allowed").asBoolean());
    assertEquals(80.0, r.path("memory").path("thresholds").path("warning_percent").asDouble());
    assertTrue(r.path("memory").path("history").size() >= 2);
    assertEquals(
        "warning", getJson(port, "/health").path("memory").path("pressure_level").asText());
  }

  @Test
  void queueListsJobsWithStateBytesAndRate() throws Exception {
    int port = server("127.0.0.1", null).port();
    probe.rss(850);
    monitor.sampleNow();
    Path file = S3TestSupport.randomFile(dir, "morning.mp3", 12L << 20, 7);
    long id = rig.engine.add(file, SermonDetails.NONE).job().id();
    rig.await(id, s -> s.state() == JobState.PAUSED_LOW_MEMORY, Duration.ofSeconds(20));

    JsonNode q = getJson(port, "/api/queue");
    JsonNode job = q.path("jobs").path(0);
    assertEquals(id, job.path("id").asLong());
    assertEquals("morning.mp3", job.path("file").asText());
    assertEquals("paused_low_memory", job.path("state").asText());
    assertEquals("paused: low memory", job.path("state_text").asText());
    assertEquals("paused: low memory; carries on by itself", job.path("message").asText());
    assertEquals(12L << 20, job.path("size_bytes").asLong());
    assertEquals(0, job.path("bytes_done").asLong());
    assertEquals(1, q.path("summary").path("by_state").path("paused_low_memory").asInt());
    assertEquals(
        1,
        getJson(port, "/api/memory/status")
            .path("memory")
            .path("uploads")
            .path("paused_for_memory")
            .asInt());

    probe.rss(300);
    JobSnapshot done = rig.await(id, s -> s.state().finished(), Duration.ofSeconds(30));
    job = getJson(port, "/api/queue").path("jobs").path(0);
    assertEquals("done", job.path("state").asText());
    assertEquals(12L << 20, job.path("bytes_done").asLong());
    assertEquals(100.0, job.path("percent").asDouble());
    assertTrue(job.has("bytes_per_second"));
    assertEquals(done.sha256(), job.path("sha256").asText());
    assertEquals(1, getJson(port, "/health").path("queue").path("succeeded").asInt());
  }

  @Test
  void theQueueReportsTheBandwidthLimitInForceAndUntilWhen() throws Exception {
    int port = server("127.0.0.1", null).port();
    JsonNode off = getJson(port, "/api/queue").path("bandwidth_limit");
    assertFalse(off.path("limited").asBoolean());
    assertTrue(off.path("bytes_per_second").isNull());

    Bandwidth bandwidth = rig.engine.bandwidth();
    bandwidth.setSchedule(BandwidthSchedule.parse("512K"));
    JsonNode steady = getJson(port, "/api/queue").path("bandwidth_limit");
    assertEquals("512K", steady.path("setting").asText());
    assertEquals(512L << 10, steady.path("bytes_per_second").asLong());
    assertTrue(steady.path("until").isNull(), "a single rate never changes");

    bandwidth.livestreamNow();
    JsonNode held = getJson(port, "/api/queue").path("bandwidth_limit");
    assertEquals(256L << 10, held.path("bytes_per_second").asLong());
    assertTrue(held.path("overridden").asBoolean());
    Duration left =
        Duration.between(
            OffsetDateTime.now(java.time.ZoneId.systemDefault()),
            OffsetDateTime.parse(held.path("until").asText()));
    assertTrue(left.toMinutes() > 115 && left.toMinutes() <= 120, left.toString());
  }

  @Test
  void nothingChangesStateAndUnknownPathsAre404() throws Exception {
    int port = server("127.0.0.1", null).port();
    HttpResponse<String> post =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/queue"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(405, post.statusCode());
    assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(""));
    HttpResponse<String> delete =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/queue"))
                .DELETE()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(405, delete.statusCode());
    assertEquals(404, get(port, "/api/pause", null).statusCode());
    assertEquals(404, get(port, "/healthz", null).statusCode());
    assertEquals(200, get(port, "/health/", null).statusCode());
  }

  @Test
  void anotherAddressNeedsAToken() {
    InvalidSettingException e =
        assertThrows(
            InvalidSettingException.class,
            () -> new StatusServer("0.0.0.0", 0, null, rig.engine, monitor));
    assertEquals(Setting.STATUS_TOKEN, e.setting());
    assertTrue(e.getMessage().contains("STATUS_TOKEN"), e.getMessage());
    assertThrows(
        InvalidSettingException.class,
        () -> new StatusServer("0.0.0.0", 0, "  ", rig.engine, monitor));

    List<String> notices = new ArrayList<>();
    Settings s =
        Settings.defaults().with(Setting.STATUS_BIND, "0.0.0.0").with(Setting.STATUS_PORT, "8765");
    assertTrue(StatusServer.startFromSettings(s, rig.engine, monitor, notices).isEmpty());
    assertTrue(notices.get(0).contains("needs a STATUS_TOKEN"), notices.toString());
    assertTrue(notices.get(0).contains("Uploads are not affected"), notices.toString());
  }

  @Test
  void withATokenEveryRequestMustCarryIt() throws Exception {
    String token = "p7Lq-2vX9-sermon-token";
    StatusServer s = server("0.0.0.0", token);
    int port = s.port();
    HttpResponse<String> none = get(port, "/health", null);
    assertEquals(401, none.statusCode());
    assertEquals("Bearer", none.headers().firstValue("WWW-Authenticate").orElse(""));
    assertFalse(none.body().contains("healthy"));
    assertEquals(401, get(port, "/api/queue", "wrong-token").statusCode());
    assertEquals(401, get(port, "/api/memory/status", token + "x").statusCode());
    assertEquals(
        401,
        get(port, "/nowhere", null).statusCode(),
        "nothing, not even a 404, without the token");
    HttpResponse<String> ok = get(port, "/health", token);
    assertEquals(200, ok.statusCode());
    assertEquals("healthy", JSON.readTree(ok.body()).path("status").asText());
    assertFalse(ok.body().contains(token), "the token is never echoed");
  }

  @Test
  void aTokenOnLoopbackIsRequiredToo() throws Exception {
    int port = server("127.0.0.1", "loopback-token").port();
    assertEquals(401, get(port, "/health", null).statusCode());
    assertEquals(200, get(port, "/health", "loopback-token").statusCode());
  }

  @Test
  void withoutATokenOnlyNamesOfThisComputerAreServed() throws Exception {
    int port = server("127.0.0.1", null).port();
    assertEquals(
        403,
        rawStatus(port, "evil.example:" + port),
        "a web page's own domain pointed at 127.0.0.1");
    assertEquals(200, rawStatus(port, "localhost:" + port));
    assertEquals(200, rawStatus(port, "127.0.0.1:" + port));
  }

  private static int rawStatus(int port, String host) throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /health HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      return Integer.parseInt(statusLine.substring(9, 12));
    }
  }

  @Test
  void aTakenPortIsToldInPlainWordsAndDoesNotStopTheApp() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<String> notices = new ArrayList<>();
      Settings s =
          Settings.defaults().with(Setting.STATUS_PORT, Integer.toString(taken.getLocalPort()));
      assertTrue(StatusServer.startFromSettings(s, rig.engine, monitor, notices).isEmpty());
      assertEquals(1, notices.size());
      assertTrue(
          notices.get(0).contains("port " + taken.getLocalPort() + " is already in use"),
          notices.get(0));
      assertTrue(notices.get(0).contains("STATUS_PORT"), notices.get(0));
    }
  }

  @Test
  void portZeroInTheSettingsTurnsItOff() {
    List<String> notices = new ArrayList<>();
    assertTrue(
        StatusServer.startFromSettings(
                Settings.defaults().with(Setting.STATUS_PORT, "0"), rig.engine, monitor, notices)
            .isEmpty());
    assertTrue(notices.isEmpty());
  }
}
