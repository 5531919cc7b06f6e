package org.sermonuploader.engine.tus;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP relay on 127.0.0.1 that can drop every connection at once, as a flaky network would, slow
 * uploads down, and note each request's method and declared body length.
 */
final class CuttableProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int targetPort;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final List<Link> links = new CopyOnWriteArrayList<>();

  /**
   * When the bytes sent towards the server pass this, every open link stops moving data (-1:
   * never).
   */
  volatile long stallAt = -1;

  /** One client connection and its server connection; stalled, it neither forwards nor closes. */
  private static final class Link {
    volatile boolean stalled;
  }

  final AtomicLong upstreamBytes = new AtomicLong();

  /** When the bytes sent towards the server pass this, every connection is cut once (-1: never). */
  volatile long cutAt = -1;

  /** Bytes per second towards the server, per connection; 0 for no limit. */
  volatile long throttle;

  /** A request as it went by: its method and its Content-Length (-1 when none). */
  record Request(String method, long contentLength) {}

  final List<Request> requests = new CopyOnWriteArrayList<>();

  private static final Pattern HEAD =
      Pattern.compile(
          "^(PATCH|POST|HEAD|DELETE|OPTIONS|GET) [^\\r]*\\r\\n(.*?)\\r\\n\\r\\n", Pattern.DOTALL);
  private static final Pattern LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)");

  /** Declared body bytes of the requests with this method. */
  long bodyBytes(String method) {
    return requests.stream()
        .filter(r -> r.method().equals(method))
        .mapToLong(r -> Math.max(0, r.contentLength()))
        .sum();
  }

  final AtomicLong cuts = new AtomicLong();
  final AtomicLong stalls = new AtomicLong();
  private volatile boolean closed;

  CuttableProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::acceptLoop, "test-proxy-accept");
    t.setDaemon(true);
    t.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        open.add(client);
        open.add(server);
        Link link = new Link();
        links.add(link);
        pump(client, server, true, link);
        pump(server, client, false, link);
      } catch (IOException e) {
        if (closed) return;
      }
    }
  }

  private void pump(Socket from, Socket to, boolean upstream, Link link) {
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[16 << 10];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                  while (link.stalled && !closed && !from.isClosed()) Thread.sleep(20);
                  if (upstream) note(buf, n);
                  long rate = throttle;
                  if (upstream && rate > 0) Thread.sleep(Math.max(1, n * 1000L / rate));
                  out.write(buf, 0, n);
                  if (upstream) {
                    long total = upstreamBytes.addAndGet(n);
                    long at = cutAt;
                    if (at >= 0 && total >= at) {
                      cutAt = -1;
                      cutAll();
                    }
                    long stall = stallAt;
                    if (stall >= 0 && total >= stall) {
                      stallAt = -1;
                      stalls.incrementAndGet();
                      for (Link l : links) l.stalled = true;
                    }
                  }
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (IOException e) {
                // the other side went away, or we cut it
              } finally {
                quietClose(from);
                quietClose(to);
              }
            },
            "test-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  /** A request's head arrives at the start of a read: the client waits for each answer. */
  private void note(byte[] buf, int n) {
    String text = new String(buf, 0, Math.min(n, 2000), StandardCharsets.ISO_8859_1);
    Matcher head = HEAD.matcher(text);
    if (!head.find()) return;
    Matcher length = LENGTH.matcher(head.group(2));
    requests.add(new Request(head.group(1), length.find() ? Long.parseLong(length.group(1)) : -1));
  }

  /** Drops every open connection, both ways. */
  void cutAll() {
    cuts.incrementAndGet();
    for (Socket s : open) quietClose(s);
    open.clear();
  }

  private static void quietClose(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    listener.close();
    cutAll();
  }
}
