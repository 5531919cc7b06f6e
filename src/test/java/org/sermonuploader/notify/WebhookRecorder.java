package org.sermonuploader.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;

/** A stand-in for Discord on 127.0.0.1: records every request and answers as the test planned. */
public final class WebhookRecorder implements AutoCloseable {
  /** The part of the webhook URL that works as its password. */
  static final String TOKEN = "kY3vS9q-SECRET-webhook-token_x7";

  public record Request(long nanos, String method, String contentType, String body) {}

  record Answer(int status, Map<String, String> headers, String body) {
    static Answer ok() {
      return new Answer(204, Map.of(), "");
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Answer> planned = new ConcurrentLinkedQueue<>();

  public WebhookRecorder() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    server.createContext(
        "/api/webhooks/",
        ex -> {
          byte[] body = ex.getRequestBody().readAllBytes();
          requests.add(
              new Request(
                  System.nanoTime(),
                  ex.getRequestMethod(),
                  ex.getRequestHeaders().getFirst("Content-Type"),
                  new String(body, StandardCharsets.UTF_8)));
          Answer a = planned.poll();
          if (a == null) a = Answer.ok();
          a.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
          byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
          if (out.length > 0) {
            try (OutputStream o = ex.getResponseBody()) {
              o.write(out);
            }
          }
          ex.close();
        });
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:"
        + server.getAddress().getPort()
        + "/api/webhooks/1234567890/"
        + TOKEN;
  }

  void plan(Answer... answers) {
    planned.addAll(List.of(answers));
  }

  public List<Request> requests() {
    return new ArrayList<>(requests);
  }

  public List<Request> await(int count, long timeoutMillis) {
    Awaitility.await("expected " + count + " requests")
        .atMost(Duration.ofMillis(timeoutMillis))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> requests.size() >= count);
    return requests();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
