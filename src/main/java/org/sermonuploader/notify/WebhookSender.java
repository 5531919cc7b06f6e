package org.sermonuploader.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.sermonuploader.config.Version;
import org.sermonuploader.engine.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts a message to the webhook: retries after 429 (as Discord tells) and 5xx (with the app's
 * backoff), gives up at once when the webhook is unreachable or refuses. The webhook URL carries
 * its own credential, so it is never written out: the log says "Discord webhook" only.
 */
final class WebhookSender {
  private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final int MAX_ATTEMPTS = 4;

  private final URI webhook;
  private final Duration requestTimeout;
  private final Duration maxRetryWait;
  private final RetryPolicy retry;
  private final HttpClient http;
  private volatile boolean unreachable;

  WebhookSender(URI webhook, Duration connectTimeout, Duration requestTimeout, Duration maxWait) {
    this.webhook = webhook;
    this.requestTimeout = requestTimeout;
    this.maxRetryWait = maxWait;
    this.retry = new RetryPolicy(Duration.ofSeconds(1), maxWait);
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .proxy(ProxySelector.getDefault())
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Sends one message; true when Discord took it. */
  boolean send(WebhookMessage message) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(webhook)
            .timeout(requestTimeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", "SermonUploader/" + Version.get())
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(message)))
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
        return false;
      }
      if (unreachable) {
        unreachable = false;
        log.info("Discord webhook reachable again");
      }
      int status = response.statusCode();
      if (status >= 200 && status < 300) return true;
      if (attempt == MAX_ATTEMPTS) break;
      if (status == 429) {
        Duration wait = retryAfter(response);
        log.info("Discord webhook asks to wait {} ms", wait.toMillis());
        Thread.sleep(wait.toMillis());
      } else if (status >= 500) {
        Thread.sleep(retry.delay(attempt).toMillis());
      } else {
        log.warn(
            "Discord webhook refused the message (HTTP {}); is the webhook still there?", status);
        return false;
      }
    }
    log.warn("Discord webhook: message given up after {} tries", MAX_ATTEMPTS);
    return false;
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
    return Duration.ofMillis(Math.min(ms, maxRetryWait.toMillis()));
  }
}
