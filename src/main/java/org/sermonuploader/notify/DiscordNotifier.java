package org.sermonuploader.notify;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.concurrent.Threads;
import org.sermonuploader.config.InvalidSettingException;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.memory.MemoryListener;
import org.sermonuploader.model.HistoryEntry;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.MemorySample;
import org.sermonuploader.model.PressureLevel;
import org.sermonuploader.model.UploadListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts to a Discord webhook: an upload finished or failed, memory got short or recovered ({@link
 * NotificationPolicy} decides, {@link DiscordMessages} words it, {@link WebhookSender} sends it).
 *
 * <p>It never holds up an upload: events go into a small bounded queue that one daemon thread sends
 * from. When Discord is slow or unreachable, messages that do not fit are dropped rather than piled
 * up. The webhook URL carries its own credential, so it is never written out.
 */
public final class DiscordNotifier implements UploadListener, MemoryListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DiscordNotifier.class);
  public static final int QUEUE_CAPACITY = 16;

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

  private final HistoryLookup history;
  private final Timing timing;
  private final NotificationPolicy policy;
  private final WebhookSender webhook;

  /**
   * A message made on the sender thread (so a history lookup never runs on the engine's), and who
   * wants to know whether it went out.
   */
  private record Outgoing(Supplier<WebhookMessage> message, Consumer<Boolean> delivered) {}

  private final BlockingQueue<Outgoing> queue;

  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicInteger dropped = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final Thread sender;
  private volatile boolean closing;
  private volatile boolean sending;

  public DiscordNotifier(String webhookUrl, HistoryLookup history) {
    this(webhookUrl, history, Timing.DEFAULT, QUEUE_CAPACITY);
  }

  public DiscordNotifier(String webhookUrl, HistoryLookup history, Timing timing, int capacity) {
    URI uri = parse(webhookUrl);
    this.history = history;
    this.timing = timing;
    this.policy = new NotificationPolicy(timing.pressureQuietPeriod(), System::nanoTime);
    this.webhook =
        new WebhookSender(
            uri, timing.connectTimeout(), timing.requestTimeout(), timing.maxRetryWait());
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.sender = Threads.daemon("discord-notifier").newThread(this::sendLoop);
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
    if (!policy.isNews(s)) return;
    Instant at = Instant.now();
    if (s.state() == JobState.FAILED) offer(() -> DiscordMessages.failed(s, at));
    else offer(() -> DiscordMessages.finished(s, historyOf(s.id()), at));
  }

  @Override
  public void jobRemoved(long jobId) {
    policy.forget(jobId);
  }

  @Override
  public void levelChanged(PressureLevel from, PressureLevel to, @Nullable MemorySample sample) {
    Instant at = Instant.now();
    switch (policy.levelChanged(from, to)) {
      case SHORT -> offer(() -> DiscordMessages.memoryShort(to, sample, at));
      case BACK -> offer(() -> DiscordMessages.memoryBack(sample, at));
      default -> {}
    }
  }

  /**
   * Posts a report that is not about one upload (a verify or a migration), with one line per
   * recording it names; {@code problem} shows it in red, else in green.
   */
  public void post(String title, String summary, List<String> lines, boolean problem) {
    post(title, summary, lines, problem, DiscordNotifier::nobodyAsks);
  }

  /**
   * {@link #post(String, String, List, boolean)}, then tells {@code delivered} on the sender's
   * thread whether Discord took it (false too when it was dropped or the notifier closed first), so
   * the caller can try again later.
   */
  public void post(
      String title,
      String summary,
      List<String> lines,
      boolean problem,
      Consumer<Boolean> delivered) {
    Instant at = Instant.now();
    offer(() -> DiscordMessages.report(title, summary, lines, problem, at), delivered);
  }

  private void offer(Supplier<WebhookMessage> message) {
    offer(message, DiscordNotifier::nobodyAsks);
  }

  private void offer(Supplier<WebhookMessage> message, Consumer<Boolean> delivered) {
    if (closing) {
      delivered.accept(false);
      return;
    }
    if (!queue.offer(new Outgoing(message, delivered))) {
      delivered.accept(false);
      if (dropped.incrementAndGet() == 1) {
        log.warn(
            "Discord webhook: too many messages waiting; new ones are dropped while it stays"
                + " behind");
      }
    }
  }

  /** Duration and speed come from the journal's history. */
  private Optional<HistoryEntry> historyOf(long jobId) {
    try {
      return history == null ? Optional.empty() : history.find(jobId);
    } catch (Exception e) {
      log.debug("No history for job {}: {}", jobId, e.toString());
      return Optional.empty();
    }
  }

  // ---------------------------------------------------------------- sending (own thread)

  private void sendLoop() {
    while (true) {
      Outgoing next;
      try {
        next = queue.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (next == null) {
        if (closing) return;
        continue;
      }
      sending = true;
      boolean ok = false;
      try {
        ok = webhook.send(next.message().get());
        if (ok) sent.incrementAndGet();
        else failed.incrementAndGet();
      } catch (InterruptedException e) {
        return;
      } catch (IOException | RuntimeException e) {
        log.warn("Discord webhook: message not sent ({})", e.getClass().getSimpleName());
        failed.incrementAndGet();
      } finally {
        sending = false;
        told(next, ok);
      }
    }
  }

  private static void nobodyAsks(boolean delivered) {}

  private static void told(Outgoing o, boolean ok) {
    try {
      o.delivered().accept(ok);
    } catch (RuntimeException e) {
      log.warn("Discord webhook: the sender's follow-up failed", e);
    }
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
    List<Outgoing> left = new ArrayList<>();
    queue.drainTo(left);
    left.forEach(o -> told(o, false));
    if (!left.isEmpty()) {
      log.info("Discord webhook: {} messages not sent before closing", left.size());
    }
  }
}
