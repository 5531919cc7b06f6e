package org.sermonuploader.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.app.UploadService;
import org.sermonuploader.config.InvalidSettingException;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.memory.FakeProbe;
import org.sermonuploader.memory.MemoryMonitor;
import org.sermonuploader.memory.MemoryPolicy;
import org.sermonuploader.memory.TestRig;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.MemorySample;
import org.sermonuploader.model.PressureLevel;
import org.sermonuploader.model.SermonDetails;
import org.slf4j.LoggerFactory;

/** Discord notifications against a local stand-in for Discord that records what it gets. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DiscordNotifierTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final MemoryPolicy POLICY = new MemoryPolicy(1000L << 20, 0.8, 0.95, 200L << 20);
  static final DiscordNotifier.Timing QUICK =
      new DiscordNotifier.Timing(
          Duration.ofSeconds(1),
          Duration.ofSeconds(1),
          Duration.ofSeconds(5),
          Duration.ofMinutes(10),
          Duration.ofSeconds(3));

  @TempDir Path dir;
  private final FakeProbe probe = new FakeProbe(300, 3000);

  /** Log events of every thread, safe to read while they arrive. */
  static final class Recorded extends AppenderBase<ILoggingEvent> {
    final List<ILoggingEvent> list = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    protected void append(ILoggingEvent e) {
      list.add(e);
    }
  }

  private final Recorded logged = new Recorded();
  private final ch.qos.logback.classic.Logger root =
      (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ch.qos.logback.classic.Logger notifierLog =
      (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(DiscordNotifier.class);
  private WebhookRecorder discord;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    logged.start();
    root.addAppender(logged);
    notifierLog.setLevel(Level.DEBUG);
    discord = new WebhookRecorder();
  }

  @AfterEach
  void tearDown() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) toClose.get(i).close();
    discord.close();
    root.detachAppender(logged);
    notifierLog.setLevel(null);
    assertSecretNeverLogged();
  }

  /** Every test ends here: whatever happened, the webhook's URL and token are not in the log. */
  private void assertSecretNeverLogged() {
    for (ILoggingEvent e : logged.list) {
      String text =
          e.getFormattedMessage()
              + (e.getThrowableProxy() == null
                  ? ""
                  : ThrowableProxyUtil.asString(e.getThrowableProxy()));
      assertFalse(text.contains(WebhookRecorder.TOKEN), "secret in the log: " + text);
      assertFalse(text.contains("/api/webhooks/"), "webhook URL in the log: " + text);
    }
  }

  private MemoryMonitor monitor() {
    return new MemoryMonitor(
        POLICY, probe, Duration.ofMillis(50), () -> {}, Duration.ofSeconds(60), System::nanoTime);
  }

  private UploadService service(String webhook) throws Exception {
    Settings s = TestRig.smallParts(2).with(Setting.STATUS_PORT, "0");
    if (webhook != null) s = s.with(Setting.DISCORD_WEBHOOK_URL, webhook);
    UploadService service = UploadService.builder(s, dir.resolve("data")).monitor(monitor()).open();
    toClose.add(service);
    service.engine().start();
    return service;
  }

  private DiscordNotifier notifier(String url, int capacity) {
    DiscordNotifier n = new DiscordNotifier(url, id -> Optional.empty(), QUICK, capacity).start();
    toClose.add(n);
    return n;
  }

  private static Map<String, String> fields(JsonNode message) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (JsonNode f : message.path("embeds").path(0).path("fields"))
      out.put(f.path("name").asText(), f.path("value").asText());
    return out;
  }

  private static JobSnapshot finishedSnapshot(long id, String name) {
    return new JobSnapshot(
        id,
        Path.of(name),
        name,
        1L << 30,
        name,
        JobState.DONE,
        1L << 30,
        0,
        -1,
        null,
        null,
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        SermonDetails.NONE,
        64,
        0);
  }

  @Test
  void aFinishedUploadTellsFileSizeDurationSpeedAndHash() throws Exception {
    UploadService service = service(discord.url());
    Path file = S3TestSupport.randomFile(dir, "2024-06-02 Sunday_service.mp3", 12L << 20, 21);
    long id = service.engine().add(file, SermonDetails.NONE).job().id();
    JobSnapshot done =
        TestRig.await(service.engine(), id, j -> j.state().finished(), Duration.ofSeconds(30));
    assertEquals(JobState.DONE, done.state());

    WebhookRecorder.Request r = discord.await(1, 10_000).get(0);
    assertEquals("POST", r.method());
    assertEquals("application/json", r.contentType());
    JsonNode m = JSON.readTree(r.body());
    assertTrue(m.path("content").asText().contains("Upload finished"), r.body());
    assertTrue(
        m.path("content").asText().contains("2024-06-02 Sunday\\_service.mp3"),
        "Markdown escaped: " + r.body());
    assertEquals(
        0, m.path("allowed_mentions").path("parse").size(), "no @everyone from a file name");
    JsonNode embed = m.path("embeds").path(0);
    assertEquals("Upload finished", embed.path("title").asText());
    Map<String, String> f = fields(m);
    assertEquals("12.6 MB", f.get("Size"));
    assertTrue(f.get("Duration").matches("[\\d.]+ s|\\d+ min \\d\\d s"), f.toString());
    assertTrue(f.get("Average speed").matches("[\\d.]+ [KMG]?B/s"), f.toString());
    String sha = S3TestSupport.sha256(file);
    assertEquals("`" + sha.substring(0, 12) + "`", f.get("SHA-256"));
    assertEquals(done.key().replace("_", "\\_"), f.get("Saved as"), "Markdown escaped");
    Thread.sleep(300);
    assertEquals(1, discord.requests().size(), "one message per upload, not per progress event");
  }

  @Test
  void anUploadStoredUnderANewNameSaysWhy() throws Exception {
    String why =
        "Another station stored a recording as Easter.wav at the same moment,"
            + " so this one was stored as Easter (2).wav.";
    JobSnapshot s = finishedSnapshot(1, "Easter.wav");
    JobSnapshot renamed =
        new JobSnapshot(
            s.id(),
            s.path(),
            s.fileName(),
            s.size(),
            "Easter (2).wav",
            s.state(),
            s.bytesDone(),
            0,
            -1,
            why,
            null,
            s.sha256(),
            SermonDetails.NONE,
            64,
            0);
    DiscordNotifier n = notifier(discord.url(), 4);
    n.jobChanged(renamed);
    JsonNode m = JSON.readTree(discord.await(1, 10_000).get(0).body());
    assertTrue(m.path("content").asText().endsWith(why), m.toString());
    assertEquals(why, fields(m).get("Note"));
    assertEquals("Easter (2).wav", fields(m).get("Saved as"));
  }

  @Test
  void aPosterIsToldWhetherDiscordTookItsPost() throws Exception {
    discord.plan(new WebhookRecorder.Answer(404, Map.of(), "{\"message\": \"Unknown Webhook\"}"));
    DiscordNotifier n = notifier(discord.url(), 4);
    LinkedBlockingQueue<Boolean> told = new LinkedBlockingQueue<>();
    n.post(
        "Expected recording missing", "No recording from North campus", List.of(), true, told::add);
    assertEquals(false, told.poll(10, TimeUnit.SECONDS), "refused");
    n.post(
        "Expected recording missing", "No recording from North campus", List.of(), true, told::add);
    assertEquals(true, told.poll(10, TimeUnit.SECONDS), "taken");
    assertEquals(2, discord.requests().size());
    n.close();
    n.post("After closing", "never sent", List.of(), false, told::add);
    assertEquals(false, told.poll(1, TimeUnit.SECONDS), "closed");
  }

  @Test
  void aFailedUploadTellsFileAndReason() throws Exception {
    UploadService service = service(discord.url());
    long id = service.engine().add(dir.resolve("gone.mp3"), SermonDetails.NONE).job().id();
    assertEquals(JobState.FAILED, service.engine().job(id).orElseThrow().state());
    JsonNode m = JSON.readTree(discord.await(1, 10_000).get(0).body());
    assertEquals("Upload failed", m.path("embeds").path(0).path("title").asText());
    assertTrue(m.path("content").asText().contains("gone.mp3"), m.toString());
    assertEquals("The file is not there any more.", fields(m).get("Reason"));
  }

  @Test
  void anEmptyRecordingIsPostedAsAProblem() throws Exception {
    UploadService service = service(discord.url());
    Path blank = java.nio.file.Files.write(dir.resolve("blank.wav"), new byte[0]);
    java.nio.file.Files.setLastModifiedTime(
        blank, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
    service.engine().add(blank, SermonDetails.NONE);
    JsonNode m = JSON.readTree(discord.await(1, 10_000).get(0).body());
    assertEquals("Upload failed", m.path("embeds").path(0).path("title").asText());
    assertTrue(m.path("content").asText().contains("blank.wav"), m.toString());
    assertEquals("Empty recording: 0 B, nothing was recorded.", fields(m).get("Reason"));
  }

  @Test
  void memoryPressureIsToldWhenItStartsAndWhenItEnds() throws Exception {
    UploadService service = service(discord.url());
    MemoryMonitor monitor = service.memory().orElseThrow();
    probe.rss(850);
    monitor.sampleNow();
    JsonNode enter = JSON.readTree(discord.await(1, 10_000).get(0).body());
    assertEquals(
        "Memory is short: uploads paused", enter.path("embeds").path(0).path("title").asText());
    assertEquals("891.3 MB", fields(enter).get("App uses"));
    probe.rss(970);
    monitor.sampleNow(); // warning to critical: still the same spell of pressure
    probe.rss(300);
    monitor.sampleNow();
    List<WebhookRecorder.Request> got = discord.await(2, 10_000);
    JsonNode leave = JSON.readTree(got.get(1).body());
    assertEquals(
        "Memory back to normal: uploads carry on",
        leave.path("embeds").path(0).path("title").asText());

    probe.rss(850); // flapping within the quiet period is not told again
    monitor.sampleNow();
    probe.rss(300);
    monitor.sampleNow();
    Thread.sleep(500);
    assertEquals(2, discord.requests().size());
  }

  @Test
  void aServerErrorIsRetriedWithGrowingPausesUntilDiscordTakesTheMessage() throws Exception {
    discord.plan(
        new WebhookRecorder.Answer(503, Map.of(), ""),
        new WebhookRecorder.Answer(502, Map.of(), ""),
        WebhookRecorder.Answer.ok());
    DiscordNotifier n = notifier(discord.url(), 4);
    n.jobChanged(finishedSnapshot(1, "a.mp3"));
    List<WebhookRecorder.Request> got = discord.await(3, 10_000);
    long firstGapMs = (got.get(1).nanos() - got.get(0).nanos()) / 1_000_000;
    long secondGapMs = (got.get(2).nanos() - got.get(1).nanos()) / 1_000_000;
    // the app's retry policy: 1 s doubling, with jitter down to half of it
    assertTrue(firstGapMs >= 450, "waited " + firstGapMs + " ms after the first 5xx");
    assertTrue(secondGapMs >= 950, "waited " + secondGapMs + " ms after the second 5xx");
    assertEquals(got.get(0).body(), got.get(2).body(), "the same message, sent again");
    Awaitility.await("the message counted as sent")
        .atMost(Duration.ofSeconds(5))
        .until(() -> n.sent() >= 1);
    assertEquals(1, n.sent());
    assertEquals(0, n.failed());
  }

  @Test
  void aRateLimitIsWaitedOutAsDiscordAsks() throws Exception {
    discord.plan(
        new WebhookRecorder.Answer(429, Map.of("Retry-After", "1"), "{\"retry_after\": 1.0}"),
        new WebhookRecorder.Answer(
            429,
            Map.of("Content-Type", "application/json"),
            "{\"retry_after\": 0.4, \"global\": false}"),
        WebhookRecorder.Answer.ok());
    DiscordNotifier n = notifier(discord.url(), 4);
    n.levelChanged(
        PressureLevel.NORMAL, PressureLevel.WARNING, MemorySample.ofMegabytes(850, 3000, 4096));
    List<WebhookRecorder.Request> got = discord.await(3, 10_000);
    long firstGapMs = (got.get(1).nanos() - got.get(0).nanos()) / 1_000_000;
    long secondGapMs = (got.get(2).nanos() - got.get(1).nanos()) / 1_000_000;
    assertTrue(firstGapMs >= 950, "Retry-After: 1 honoured, waited " + firstGapMs + " ms");
    assertTrue(
        secondGapMs >= 380,
        "retry_after 0.4 from the body honoured, waited " + secondGapMs + " ms");
    assertEquals(got.get(0).body(), got.get(2).body(), "the same message, sent again");
    Awaitility.await("the message counted as sent")
        .atMost(Duration.ofSeconds(5))
        .until(() -> n.sent() >= 1);
    assertEquals(1, n.sent());
    assertEquals(0, n.failed());
  }

  @Test
  void withDiscordDownUploadsFinishAndNothingPilesUp() throws Exception {
    int deadPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      deadPort = s.getLocalPort();
    }
    String deadUrl =
        "http://127.0.0.1:" + deadPort + "/api/webhooks/1234567890/" + WebhookRecorder.TOKEN;
    UploadService service = service(deadUrl);
    Path file = S3TestSupport.randomFile(dir, "harvest.mp3", 12L << 20, 22);
    long id = service.engine().add(file, SermonDetails.NONE).job().id();
    JobSnapshot done =
        TestRig.await(service.engine(), id, j -> j.state().finished(), Duration.ofSeconds(30));
    assertEquals(JobState.DONE, done.state());
    assertEquals(S3TestSupport.sha256(file), done.sha256());
    long closeStart = System.nanoTime();
    service.close();
    assertTrue(
        System.nanoTime() - closeStart < TimeUnit.SECONDS.toNanos(7),
        "closing does not hang on Discord");
    assertTrue(
        logged.list.stream()
            .anyMatch(e -> e.getFormattedMessage().startsWith("Discord webhook unreachable")),
        "the log says Discord could not be reached");
  }

  @Test
  void aDiscordThatNeverAnswersDropsMessagesInsteadOfHoldingUploads() throws Exception {
    try (ServerSocket blackhole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) accepted.add(blackhole.accept()); // accepts, never answers
                } catch (java.io.IOException e) {
                  // closed at the end of the test
                }
              },
              "blackhole");
      acceptor.setDaemon(true);
      acceptor.start();
      DiscordNotifier n =
          notifier(
              "http://127.0.0.1:"
                  + blackhole.getLocalPort()
                  + "/api/webhooks/1/"
                  + WebhookRecorder.TOKEN,
              4);
      long start = System.nanoTime();
      for (int i = 1; i <= 50; i++) n.jobChanged(finishedSnapshot(i, "file-" + i + ".mp3"));
      long tookMs = (System.nanoTime() - start) / 1_000_000;
      assertTrue(
          tookMs < 500,
          "fifty events handed over in " + tookMs + " ms: the engine's thread never waits");
      assertTrue(n.waiting() <= 5, "at most the queue plus the one being sent: " + n.waiting());
      assertTrue(n.dropped() >= 45, "the rest dropped: " + n.dropped());
      Awaitility.await("the request timed out and was given up")
          .atMost(Duration.ofSeconds(5))
          .until(() -> n.failed() >= 1);
      assertEquals(0, n.sent());
      for (Socket s : accepted) s.close();
    }
  }

  @Test
  void aRefusedWebhookIsLoggedWithoutItsAddress() throws Exception {
    discord.plan(
        new WebhookRecorder.Answer(
            404, Map.of(), "{\"message\": \"Unknown Webhook\", \"code\": 10015}"));
    DiscordNotifier n = notifier(discord.url(), 4);
    n.jobChanged(finishedSnapshot(1, "a.mp3"));
    discord.await(1, 5000);
    Awaitility.await("the refused message counted as failed")
        .atMost(Duration.ofSeconds(5))
        .until(() -> n.failed() >= 1);
    assertEquals(1, n.failed());
    assertEquals(1, discord.requests().size(), "a 404 is not retried");
    assertTrue(logged.list.stream().anyMatch(e -> e.getFormattedMessage().contains("HTTP 404")));
  }

  @Test
  void aWrongWebhookAddressIsRefusedWithoutRepeatingIt() throws Exception {
    String wrong = "discord.com/api/webhooks/1/" + WebhookRecorder.TOKEN;
    InvalidSettingException e =
        assertThrows(InvalidSettingException.class, () -> new DiscordNotifier(wrong, null));
    assertEquals(Setting.DISCORD_WEBHOOK_URL, e.setting());
    assertFalse(e.getMessage().contains(WebhookRecorder.TOKEN), e.getMessage());
    InvalidSettingException bad =
        assertThrows(
            InvalidSettingException.class,
            () ->
                new DiscordNotifier(
                    "https://discord.com/api/webhooks/1/" + WebhookRecorder.TOKEN + " x", null));
    assertFalse(bad.getMessage().contains(WebhookRecorder.TOKEN), bad.getMessage());

    UploadService service = service(wrong);
    String notices = String.join("\n", service.notices());
    assertTrue(notices.contains("Discord notifications are off"), notices);
    assertFalse(notices.contains(WebhookRecorder.TOKEN), notices);
    assertNotEquals(0, service.notices().size());
  }
}
