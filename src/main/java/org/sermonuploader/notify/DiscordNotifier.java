package org.sermonuploader.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.sermonuploader.app.Version;
import org.sermonuploader.config.ByteSize;
import org.sermonuploader.config.InvalidSettingException;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.engine.HistoryEntry;
import org.sermonuploader.engine.JobSnapshot;
import org.sermonuploader.engine.JobState;
import org.sermonuploader.engine.UploadListener;
import org.sermonuploader.memory.MemoryListener;
import org.sermonuploader.memory.MemorySample;
import org.sermonuploader.memory.PressureLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts to a Discord webhook: an upload finished or failed, memory got short or recovered.
 *
 * <p>It never holds up an upload: events go into a small bounded queue that one daemon thread sends
 * from. When Discord is slow or unreachable, messages that do not fit are dropped rather than piled
 * up. Discord's 429 answers are honoured (Retry-After). The webhook URL carries its own credential,
 * so it is never written out: the log says "Discord webhook" only.
 */
public final class DiscordNotifier implements UploadListener, MemoryListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DiscordNotifier.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  public static final int QUEUE_CAPACITY = 16;
  static final int MAX_ATTEMPTS = 4;
  private static final int GREEN = 0x2E7D32;
  private static final int RED = 0xC62828;
  private static final int AMBER = 0xF9A825;
  private static final int BLUE = 0x1565C0;

  /** Finds the history entry of a finished job (for duration and speed); empty if unknown. */
  @FunctionalInterface
  public interface HistoryLookup {
    Optional<HistoryEntry> find(long jobId) throws Exception;
  }

  /** Timing knobs; tests shorten them. */
  public record Timing(
      Duration connectTimeout,
      Duration requestTimeout,
      Duration maxRetryWait,
      Duration pressureQuietPeriod,
      Duration drainOnClose) {
    public static final Timing DEFAULT =
        new Timing(
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Duration.ofSeconds(60),
            Duration.ofMinutes(10),
            Duration.ofSeconds(5));
  }

  private final URI webhook;
  private final HistoryLookup history;
  private final Timing timing;
  private final HttpClient http;
  private final BlockingQueue<ObjectNode> queue;
  private final Map<Long, JobState> lastState = new ConcurrentHashMap<>();
  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicInteger dropped = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final Thread sender;
  private volatile boolean closing;
  private volatile boolean unreachable;
  private volatile long lastPressurePostNanos;
  private volatile boolean pressurePosted;
  private volatile boolean sending;

  public DiscordNotifier(String webhookUrl, HistoryLookup history) {
    this(webhookUrl, history, Timing.DEFAULT, QUEUE_CAPACITY);
  }

  public DiscordNotifier(String webhookUrl, HistoryLookup history, Timing timing, int capacity) {
    this.webhook = parse(webhookUrl);
    this.history = history;
    this.timing = timing;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timing.connectTimeout())
            .proxy(ProxySelector.getDefault())
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.sender = new Thread(this::sendLoop, "discord-notifier");
    sender.setDaemon(true);
    sender.setUncaughtExceptionHandler((t, e) -> log.error("Uncaught in {}", t.getName(), e));
  }

  /** The notifier DISCORD_WEBHOOK_URL asks for, or empty when it is not set. */
  public static Optional<DiscordNotifier> fromSettings(Settings s, HistoryLookup history) {
    return s.optional(Setting.DISCORD_WEBHOOK_URL)
        .map(url -> new DiscordNotifier(url.trim(), history));
  }

  /** Checks the URL without ever putting it into a message: it is a secret. */
  static URI parse(String url) {
    URI uri;
    try {
      uri = URI.create(url == null ? "" : url.trim());
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(
          Setting.DISCORD_WEBHOOK_URL,
          "is not a web address"
              + " (copy it from Discord: Server Settings, Integrations, Webhooks, Copy Webhook URL)");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
      throw new InvalidSettingException(
          Setting.DISCORD_WEBHOOK_URL,
          "must be a web address starting with https://"
              + " (copy it from Discord: Server Settings, Integrations, Webhooks, Copy Webhook URL)");
    }
    return uri;
  }

  public DiscordNotifier start() {
    if (!sender.isAlive()) sender.start();
    log.info("Discord webhook notifications on");
    return this;
  }

  // ---------------------------------------------------------------- events (engine and monitor
  // threads)

  @Override
  public void jobChanged(JobSnapshot s) {
    JobState before = lastState.put(s.id(), s.state());
    if (before == s.state()) return;
    if (s.state() == JobState.DONE || s.state() == JobState.ALREADY_UPLOADED) {
      offer(finished(s));
    } else if (s.state() == JobState.FAILED) {
      offer(failed(s));
    }
  }

  @Override
  public void jobRemoved(long jobId) {
    lastState.remove(jobId);
  }

  @Override
  public void levelChanged(PressureLevel from, PressureLevel to, MemorySample sample) {
    if (from == PressureLevel.NORMAL && to != PressureLevel.NORMAL) {
      long now = System.nanoTime();
      // a level that comes and goes is told once per quiet period, not every time
      if (lastPressurePostNanos != 0
          && now - lastPressurePostNanos < timing.pressureQuietPeriod().toNanos()) {
        pressurePosted = false;
        return;
      }
      lastPressurePostNanos = now;
      pressurePosted = true;
      offer(pressure(to, sample));
    } else if (to == PressureLevel.NORMAL && from != PressureLevel.NORMAL && pressurePosted) {
      pressurePosted = false;
      offer(relieved(sample));
    }
  }

  private void offer(ObjectNode message) {
    if (closing) return;
    if (!queue.offer(message) && dropped.incrementAndGet() == 1) {
      log.warn(
          "Discord webhook: too many messages waiting; new ones are dropped while it stays behind");
    }
  }

  // ---------------------------------------------------------------- messages

  private ObjectNode finished(JobSnapshot s) {
    boolean already = s.state() == JobState.ALREADY_UPLOADED;
    ObjectNode embed =
        embed(
            already ? "Already on the server" : "Upload finished",
            s.fileName(),
            already ? BLUE : GREEN);
    ArrayNode fields = embed.putArray("fields");
    field(fields, "Size", ByteSize.format(s.size()), true);
    if (!already) {
      field(fields, "Duration", "unknown", true);
      field(fields, "Average speed", "unknown", true);
    }
    if (s.sha256() != null)
      field(
          fields,
          "SHA-256",
          "`" + s.sha256().substring(0, Math.min(12, s.sha256().length())) + "`",
          true);
    if (s.key() != null) field(fields, "Saved as", escape(s.key()), false);
    // a finished upload carries a message only when something needs telling (a name was taken)
    String note = already ? null : s.message();
    if (note != null) field(fields, "Note", escape(note), false);
    String text =
        (already ? "Already on the server: " : "Upload finished: ")
            + escape(s.fileName())
            + " ("
            + ByteSize.format(s.size())
            + ")"
            + (note == null ? "" : ". " + escape(note));
    ObjectNode m = message(text, embed);
    m.put("_job", s.id());
    return m;
  }

  private ObjectNode failed(JobSnapshot s) {
    String reason = s.message() == null ? "unknown reason" : s.message();
    ObjectNode embed = embed("Upload failed", s.fileName(), RED);
    ArrayNode fields = embed.putArray("fields");
    field(fields, "Reason", escape(reason), false);
    if (s.size() > 0) field(fields, "Size", ByteSize.format(s.size()), true);
    if (s.bytesDone() > 0 && s.size() > 0) {
      field(fields, "Sent before it stopped", Math.round(s.fraction() * 100) + "%", true);
    }
    return message("Upload failed: " + escape(s.fileName()) + " (" + reason + ")", embed);
  }

  private ObjectNode pressure(PressureLevel level, MemorySample s) {
    ObjectNode embed = embed("Memory is short: uploads paused", null, AMBER);
    embed.put(
        "description",
        "Uploads wait and carry on by themselves when memory is freed. Nothing is lost."
            + (level == PressureLevel.CRITICAL ? " Memory is critical." : ""));
    memoryFields(embed.putArray("fields"), s);
    return message(
        "Memory is short (" + level.words() + "): uploads paused until memory is freed.", embed);
  }

  private ObjectNode relieved(MemorySample s) {
    ObjectNode embed = embed("Memory back to normal: uploads carry on", null, GREEN);
    memoryFields(embed.putArray("fields"), s);
    return message("Memory back to normal: uploads carry on.", embed);
  }

  private static void memoryFields(ArrayNode fields, MemorySample s) {
    if (s == null) return;
    if (s.rssBytes() >= 0) field(fields, "App uses", ByteSize.format(s.rssBytes()), true);
    if (s.availableKnown())
      field(fields, "Free on this computer", ByteSize.format(s.systemAvailableBytes()), true);
  }

  private static ObjectNode embed(String title, String fileName, int color) {
    ObjectNode e = JSON.createObjectNode();
    e.put("title", title);
    if (fileName != null) e.put("description", "**" + escape(clip(fileName, 300)) + "**");
    e.put("color", color);
    e.put("timestamp", Instant.now().toString());
    return e;
  }

  private static ObjectNode message(String content, ObjectNode embed) {
    ObjectNode m = JSON.createObjectNode();
    m.put("username", "Sermon Uploader");
    m.put("content", clip(content, 1900));
    // a file named "@everyone.mp3" must not ping the whole server
    m.putObject("allowed_mentions").putArray("parse");
    m.putArray("embeds").add(embed);
    return m;
  }

  private static void field(ArrayNode fields, String name, String value, boolean inline) {
    ObjectNode f = fields.addObject();
    f.put("name", name);
    f.put("value", clip(value, 1000));
    f.put("inline", inline);
  }

  /** Discord reads Markdown; a file name like "my_talk_*final*.mp3" should show as typed. */
  static String escape(String text) {
    return text.replaceAll("([\\\\*_~`|])", "\\\\$1");
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  // ---------------------------------------------------------------- sending (own thread)

  private void sendLoop() {
    while (true) {
      ObjectNode message;
      try {
        message = queue.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (message == null) {
        if (closing) return;
        continue;
      }
      sending = true;
      try {
        fillInFromHistory(message);
        deliver(JSON.writeValueAsString(message));
      } catch (InterruptedException e) {
        return;
      } catch (IOException | RuntimeException e) {
        log.warn("Discord webhook: message not sent ({})", e.getClass().getSimpleName());
        failed.incrementAndGet();
      } finally {
        sending = false;
      }
    }
  }

  /**
   * Duration and speed come from the journal's history, read here rather than on the engine's
   * thread.
   */
  private void fillInFromHistory(ObjectNode message) {
    if (!message.has("_job")) return;
    long jobId = message.remove("_job").asLong();
    Optional<HistoryEntry> entry;
    try {
      entry = history == null ? Optional.empty() : history.find(jobId);
    } catch (Exception e) {
      log.debug("No history for job {}: {}", jobId, e.toString());
      entry = Optional.empty();
    }
    String duration = entry.map(h -> duration(h.durationMillis())).orElse("unknown");
    String speed =
        entry
            .filter(h -> h.bytesPerSecond() > 0)
            .map(h -> ByteSize.format((long) h.bytesPerSecond()) + "/s")
            .orElse("unknown");
    for (var embed : message.path("embeds")) {
      for (var f : embed.path("fields")) {
        String name = f.path("name").asText();
        if (name.equals("Duration")) ((ObjectNode) f).put("value", duration);
        if (name.equals("Average speed")) ((ObjectNode) f).put("value", speed);
      }
    }
  }

  /** Posts one message: retries after 429 (as told) and 5xx; gives up at once when unreachable. */
  private void deliver(String body) throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(webhook)
            .timeout(timing.requestTimeout())
            .header("Content-Type", "application/json")
            .header("User-Agent", "SermonUploader/" + Version.get())
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      HttpResponse<String> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        if (!unreachable) {
          unreachable = true;
          log.warn(
              "Discord webhook unreachable ({}); messages are dropped until it answers",
              e.getClass().getSimpleName());
        }
        failed.incrementAndGet();
        return;
      }
      if (unreachable) {
        unreachable = false;
        log.info("Discord webhook reachable again");
      }
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        sent.incrementAndGet();
        return;
      }
      if (attempt == MAX_ATTEMPTS) break;
      if (status == 429) {
        Duration wait = retryAfter(response);
        log.info("Discord webhook asks to wait {} ms", wait.toMillis());
        Thread.sleep(wait.toMillis());
      } else if (status >= 500) {
        Thread.sleep(1000L << (attempt - 1));
      } else {
        log.warn(
            "Discord webhook refused the message (HTTP {}); is the webhook still there?", status);
        failed.incrementAndGet();
        return;
      }
    }
    log.warn("Discord webhook: message given up after {} tries", MAX_ATTEMPTS);
    failed.incrementAndGet();
  }

  /** Retry-After in seconds (may have a fraction), else the JSON body's retry_after, capped. */
  private Duration retryAfter(HttpResponse<String> response) {
    double seconds = 1;
    Optional<String> header = response.headers().firstValue("Retry-After");
    try {
      if (header.isPresent()) {
        seconds = Double.parseDouble(header.get().trim());
      } else if (response.body() != null && !response.body().isBlank()) {
        seconds = JSON.readTree(response.body()).path("retry_after").asDouble(1);
      }
    } catch (IOException | NumberFormatException e) {
      seconds = 1;
    }
    long ms = (long) Math.ceil(Math.max(0, seconds) * 1000);
    return Duration.ofMillis(Math.min(ms, timing.maxRetryWait().toMillis()));
  }

  static String duration(long millis) {
    long s = Math.round(millis / 1000.0);
    if (millis < 1000) return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    if (s >= 3600) return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
    if (s >= 60) return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    return s + " s";
  }

  /** Messages delivered so far. */
  public int sent() {
    return sent.get();
  }

  /** Messages dropped because the queue was full. */
  public int dropped() {
    return dropped.get();
  }

  /** Messages that could not be delivered (unreachable, refused, or given up). */
  public int failed() {
    return failed.get();
  }

  /** Messages waiting to be sent. */
  public int waiting() {
    return queue.size() + (sending ? 1 : 0);
  }

  /**
   * Gives waiting messages a short while to go out (a CLI run ends right after its last upload,
   * whose message should still arrive), then stops.
   */
  @Override
  public void close() {
    closing = true;
    try {
      sender.join(timing.drainOnClose().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sender.interrupt();
    int left = queue.size();
    queue.clear();
    if (left > 0) log.info("Discord webhook: {} messages not sent before closing", left);
  }
}
