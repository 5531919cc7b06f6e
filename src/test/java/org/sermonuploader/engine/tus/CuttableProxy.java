package org.sermonuploader.engine.tus;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A TCP relay on 127.0.0.1 that can drop every connection at once, as a flaky network would. */
final class CuttableProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int targetPort;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  final AtomicLong upstreamBytes = new AtomicLong();
  /** When the bytes sent towards the server pass this, every connection is cut once (-1: never). */
  volatile long cutAt = -1;
  final AtomicLong cuts = new AtomicLong();
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
        pump(client, server, true);
        pump(server, client, false);
      } catch (IOException e) {
        if (closed) return;
      }
    }
  }

  private void pump(Socket from, Socket to, boolean upstream) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[16 << 10];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buf)) > 0) {
          out.write(buf, 0, n);
          if (upstream) {
            long total = upstreamBytes.addAndGet(n);
            long at = cutAt;
            if (at >= 0 && total >= at) {
              cutAt = -1;
              cutAll();
            }
          }
        }
      } catch (IOException e) {
        // the other side went away, or we cut it
      } finally {
        quietClose(from);
        quietClose(to);
      }
    }, "test-proxy-pump");
    t.setDaemon(true);
    t.start();
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
