package org.sermonuploader.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A TCP proxy on 127.0.0.1 between the app and the S3 server that can misbehave on purpose: cut
 * every connection, stall (accept bytes but pass none on), or hold the requests or responses whose
 * request line matches. It also records every request line it sees, so a test can count parts sent.
 */
final class FaultProxy implements AutoCloseable {
  private final ServerSocket server;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  final List<String> requestLines = new CopyOnWriteArrayList<>();
  final AtomicLong bytesUp = new AtomicLong();
  volatile boolean stalled;

  /**
   * Upload bytes per second per connection; 0 for no limit. Slows uploads so a test can act
   * mid-way.
   */
  volatile long throttle;

  volatile Predicate<String> holdRequest = line -> false;

  /** Answers to matching requests wait while this still matches them. */
  volatile Predicate<String> holdResponse = line -> false;

  /** Answers to matching requests get one byte of their body flipped... */
  volatile Predicate<String> flipRequest = line -> false;

  /** ...at the next of these body offsets, one per matching answer; none once it is empty. */
  final Queue<Long> flipAt = new ConcurrentLinkedQueue<>();

  private volatile boolean closed;

  FaultProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::acceptLoop, "fault-proxy-accept");
    t.setDaemon(true);
    t.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  long partRequests() {
    return requestLines.stream()
        .filter(l -> l.startsWith("PUT ") && l.contains("partNumber="))
        .count();
  }

  /** Closes every open connection, as a dropped Wi-Fi link would. */
  void cutAll() {
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException ignored) {
        // already closed
      }
    }
    sockets.clear();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket();
        upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2000);
        sockets.add(client);
        sockets.add(upstream);
        Pair pair = new Pair();
        start(() -> pump(client, upstream, true, pair), "fault-proxy-up");
        start(() -> pump(upstream, client, false, pair), "fault-proxy-down");
      } catch (IOException e) {
        if (closed) return;
      }
    }
  }

  /** What one connection is doing: the last request line, and whether its answer is held. */
  private static final class Pair {
    volatile String lastRequest = "";
    volatile boolean holdAnswer;

    /** The body offset of the answer's byte to flip; -1 for none. */
    volatile long flip = -1;

    /** Body bytes of the answer seen so far; -1 while still in its head. */
    long bodyPos = -1;

    /** How much of "\r\n\r\n" (the end of the head) was just seen. */
    int headEnd;

    /** Flips the planned byte if it is in {@code buf[0..n)}, an answer's next bytes. */
    void flipIn(byte[] buf, int n) {
      for (int i = 0; i < n && flip >= 0; i++) {
        if (bodyPos < 0) {
          byte b = buf[i];
          headEnd = b == (headEnd % 2 == 0 ? '\r' : '\n') ? headEnd + 1 : b == '\r' ? 1 : 0;
          if (headEnd == 4) bodyPos = 0;
        } else if (bodyPos++ == flip) {
          buf[i] ^= (byte) 0xFF;
          flip = -1;
        }
      }
    }
  }

  private static void start(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
  }

  private void pump(Socket from, Socket to, boolean up, Pair pair) {
    byte[] buf = new byte[64 * 1024];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buf)) >= 0) {
        if (up) {
          String head = new String(buf, 0, Math.min(n, 300), StandardCharsets.ISO_8859_1);
          if (head.matches("(?s)^(GET|PUT|POST|HEAD|DELETE) .*")) {
            String line = head.substring(0, Math.max(0, head.indexOf('\r')));
            requestLines.add(line);
            pair.lastRequest = line;
            pair.holdAnswer = holdResponse.test(line);
            Long at = flipRequest.test(line) ? flipAt.poll() : null;
            pair.bodyPos = -1;
            pair.headEnd = 0;
            pair.flip = at == null ? -1 : at;
            while (holdRequest.test(line) && !closed && !from.isClosed()) Thread.sleep(20);
          }
          bytesUp.addAndGet(n);
          if (throttle > 0) Thread.sleep(Math.max(1, n * 1000L / throttle));
        } else {
          while (pair.holdAnswer
              && holdResponse.test(pair.lastRequest)
              && !closed
              && !from.isClosed()) Thread.sleep(20);
          pair.flipIn(buf, n);
        }
        while (stalled && !closed && !from.isClosed()) Thread.sleep(20);
        out.write(buf, 0, n);
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // a cut or a closed peer ends this direction
    } finally {
      try {
        from.close();
        to.close();
      } catch (IOException ignored) {
        // nothing more to do
      }
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    cutAll();
  }
}
