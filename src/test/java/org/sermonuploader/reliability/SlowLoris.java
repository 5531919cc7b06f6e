package org.sermonuploader.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server on 127.0.0.1 that takes every connection and then answers one byte a second: a response
 * head that never ends ({@link Mode#HEAD}), or a whole head and then a body at that pace ({@link
 * Mode#BODY}). With {@code passOnAfter}, only the first connections are treated so; later ones are
 * passed on to a real server, as a proxy that recovers would.
 */
public final class SlowLoris implements AutoCloseable {
  public enum Mode {
    HEAD,
    BODY
  }

  private final ServerSocket server;
  private final Mode mode;
  private final int dribbled;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  /** Connections that got the byte-a-second treatment so far. */
  public final AtomicInteger slowConnections = new AtomicInteger();

  private volatile boolean closed;

  /** Every connection dribbles. */
  public SlowLoris(Mode mode) throws IOException {
    this(mode, Integer.MAX_VALUE, 0);
  }

  /** The first {@code dribbled} connections dribble; the rest go to {@code targetPort}. */
  public SlowLoris(Mode mode, int dribbled, int targetPort) throws IOException {
    this.mode = mode;
    this.dribbled = dribbled;
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    daemon(this::acceptLoop, "slow-loris-accept");
  }

  public String endpoint() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket s = server.accept();
        sockets.add(s);
        if (slowConnections.get() < dribbled) {
          slowConnections.incrementAndGet();
          daemon(() -> dribble(s), "slow-loris");
        } else {
          passOn(s);
        }
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void dribble(Socket s) {
    try (s) {
      readHead(s.getInputStream());
      OutputStream out = s.getOutputStream();
      String head =
          mode == Mode.BODY
              ? "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: 100000\r\n\r\n"
              : "HTTP/1.1 200 OK\r\n";
      for (byte b : head.getBytes(StandardCharsets.US_ASCII)) {
        out.write(b);
        out.flush();
        if (mode == Mode.HEAD) Thread.sleep(1000);
      }
      while (!closed) {
        out.write(mode == Mode.BODY ? ' ' : 'X');
        out.flush();
        Thread.sleep(1000);
      }
    } catch (IOException e) {
      // the client gave up: what this server is for
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Reads up to the blank line that ends a request head. */
  private static void readHead(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) throw new IOException("closed");
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }

  private void passOn(Socket client) throws IOException {
    Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
    sockets.add(target);
    daemon(() -> pump(client, target), "slow-loris-up");
    daemon(() -> pump(target, client), "slow-loris-down");
  }

  private static void pump(Socket from, Socket to) {
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException e) {
      // one side closed
    } finally {
      try {
        from.close();
        to.close();
      } catch (IOException e) {
        // already closed
      }
    }
  }

  private static void daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    for (Socket s : sockets) s.close();
  }
}
