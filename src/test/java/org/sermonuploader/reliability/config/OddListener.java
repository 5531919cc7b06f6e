package org.sermonuploader.reliability.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Something that is not an S3 server listening on 127.0.0.1: it takes connections and then says
 * nothing, or sends its own greeting, the way an SSH daemon or a stray service on a wrong port
 * would.
 */
final class OddListener implements AutoCloseable {
  private final ServerSocket server;
  private final List<Socket> held = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  private OddListener(byte[] greeting) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket s = server.accept();
                  held.add(s);
                  if (greeting != null) answer(s, greeting);
                } catch (IOException e) {
                  return; // closed
                }
              }
            },
            "odd-listener");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Accepts connections and never sends a byte. */
  static OddListener silent() throws IOException {
    return new OddListener(null);
  }

  /** Sends {@code greeting} on every connection, reads what comes, then hangs up. */
  static OddListener greeting(byte[] greeting) throws IOException {
    return new OddListener(greeting);
  }

  private static void answer(Socket s, byte[] greeting) {
    Thread t =
        new Thread(
            () -> {
              try (s;
                  InputStream in = s.getInputStream()) {
                s.getOutputStream().write(greeting);
                s.getOutputStream().flush();
                s.setSoTimeout(2000);
                in.read(new byte[4096]);
              } catch (IOException e) {
                // the client hung up first: nothing to do
              }
            },
            "odd-answer");
    t.setDaemon(true);
    t.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  int connections() {
    return held.size();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : held) s.close();
  }
}
