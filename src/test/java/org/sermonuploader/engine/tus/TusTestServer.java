package org.sermonuploader.engine.tus;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import me.desair.tus.server.TusFileUploadService;
import me.desair.tus.server.upload.UploadInfo;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.sermonuploader.engine.S3TestSupport;

/**
 * A real tus server (tus-java-server on Jetty 12) on 127.0.0.1 for tests, with what a test needs to
 * see: the stored bytes, the body bytes each PATCH delivered, an optional bearer token, and a
 * throttle that makes uploads slow enough to interrupt.
 */
public final class TusTestServer implements AutoCloseable {
  static final String PATH = "/files";

  final Path storage;
  final TusFileUploadService tus;
  private Server server;
  private int port;
  public volatile String requiredToken;
  volatile long throttleBytesPerSecond;

  /** Answers a real PATCH with 405 unread, as a proxy that knows no PATCH would. */
  volatile boolean refusePatch;

  final AtomicInteger refusedPatches = new AtomicInteger();

  /**
   * File names whose finishing PATCH the server stores but answers with HTTP 500, once each, as
   * {@code @tus/s3-store} 2.0.7 sometimes does (and then reports the upload complete, without an
   * object).
   */
  final Set<String> failFinishingWriteOf = ConcurrentHashMap.newKeySet();

  /**
   * File names of uploads that got an empty PATCH answered 2xx: the app asking for confirmation.
   */
  final List<String> emptyWritesAnswered = Collections.synchronizedList(new ArrayList<>());

  final AtomicInteger overridden = new AtomicInteger();
  final AtomicLong patchBodyBytes = new AtomicLong();
  final List<Long> patchSizes = Collections.synchronizedList(new ArrayList<>());
  final AtomicInteger patchesWithChecksum = new AtomicInteger();
  final AtomicInteger deletes = new AtomicInteger();
  final AtomicInteger creations = new AtomicInteger();

  /** HEAD answered 200 without Upload-Offset: the tus-java-server 3.0 locking bug. */
  final AtomicInteger bareHeads = new AtomicInteger();

  public TusTestServer(Path storage) throws Exception {
    this.storage = storage;
    this.tus = new TusFileUploadService().withStoragePath(storage.toString()).withUploadUri(PATH);
    start(0);
  }

  void start(int fixedPort) throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(fixedPort);
    // a PATCH cut half-way keeps its upload locked until Jetty gives up on it (tus-java-server 3.0)
    connector.setIdleTimeout(1000);
    server.addConnector(connector);
    ServletContextHandler ctx = new ServletContextHandler();
    ctx.setContextPath("/");
    ctx.addServlet(
        new ServletHolder(
            new HttpServlet() {
              @Override
              protected void service(HttpServletRequest req, HttpServletResponse resp)
                  throws IOException {
                tus.process(req, resp);
              }
            }),
        PATH + "/*");
    ctx.addFilter(new FilterHolder(new Watch()), "/*", EnumSet.of(DispatcherType.REQUEST));
    server.setHandler(ctx);
    server.start();
    port = connector.getLocalPort();
  }

  int port() {
    return port;
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port + PATH;
  }

  void stop() throws Exception {
    server.stop();
  }

  void restart() throws Exception {
    start(port);
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("the tus test server did not stop", e);
    }
  }

  /** Every upload the server holds, finished or not. */
  List<UploadInfo> uploads() throws Exception {
    List<UploadInfo> out = new ArrayList<>();
    Path dir = storage.resolve("uploads");
    if (!Files.isDirectory(dir)) return out;
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        // read the info file itself: asking the service would wait for the lock of a running PATCH
        Path info = p.resolve("info");
        if (Files.exists(info)) out.add(readInfo(info));
      }
    }
    return out;
  }

  /** The server itself may hold the info file's lock for a moment (same JVM): try again briefly. */
  private static UploadInfo readInfo(Path info) throws Exception {
    for (int attempt = 0; ; attempt++) {
      try {
        return me.desair.tus.server.util.Utils.readSerializable(info, UploadInfo.class);
      } catch (java.nio.channels.OverlappingFileLockException e) {
        if (attempt >= 50) throw e;
        Thread.sleep(20);
      }
    }
  }

  /** The upload whose metadata says filename = name. */
  UploadInfo upload(String fileName) throws Exception {
    return uploads().stream()
        .filter(u -> fileName.equals(u.getMetadata().get("filename")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no upload named " + fileName + " on the server"));
  }

  Map<String, String> metadata(UploadInfo info) throws Exception {
    return info.getMetadata();
  }

  Path dataOf(UploadInfo info) {
    return storage.resolve("uploads").resolve(info.getId().toString()).resolve("data");
  }

  String sha256Of(UploadInfo info) throws Exception {
    return S3TestSupport.sha256(dataOf(info));
  }

  /** Bearer token, body byte counting and throttling, in front of the tus servlet. */
  private final class Watch implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      HttpServletRequest req = (HttpServletRequest) request;
      HttpServletResponse resp = (HttpServletResponse) response;
      String method =
          req.getHeader("X-HTTP-Method-Override") != null
              ? req.getHeader("X-HTTP-Method-Override")
              : req.getMethod();
      String token = requiredToken;
      if (token != null
          && !"OPTIONS".equals(method)
          && !("Bearer " + token).equals(req.getHeader("Authorization"))) {
        resp.setHeader("WWW-Authenticate", "Bearer");
        resp.sendError(401);
        return;
      }
      if (req.getHeader("X-HTTP-Method-Override") != null) overridden.incrementAndGet();
      if (refusePatch && "PATCH".equals(req.getMethod())) {
        refusedPatches.incrementAndGet();
        resp.sendError(405);
        return;
      }
      if ("DELETE".equals(method)) deletes.incrementAndGet();
      if ("POST".equals(method)) creations.incrementAndGet();
      if (!"PATCH".equals(method)) {
        chain.doFilter(request, response);
        if ("HEAD".equals(method)
            && resp.getStatus() == 200
            && resp.getHeader("Upload-Offset") == null) {
          bareHeads.incrementAndGet();
        }
        return;
      }
      if (req.getHeader("Upload-Checksum") != null) patchesWithChecksum.incrementAndGet();
      Counting counting = new Counting(req.getInputStream());
      String name = fileNameOf(req);
      long end = Long.parseLong(req.getHeader("Upload-Offset")) + req.getContentLengthLong();
      boolean fail =
          req.getContentLengthLong() > 0
              && isLengthOf(req, end)
              && failFinishingWriteOf.remove(name);
      try {
        chain.doFilter(
            new HttpServletRequestWrapper(req) {
              @Override
              public ServletInputStream getInputStream() {
                return counting;
              }
            },
            fail ? new Unanswered(resp) : response);
      } finally {
        patchSizes.add(counting.count);
      }
      if (fail) {
        resp.sendError(500, "non-retryable streaming request");
      } else if (req.getContentLengthLong() == 0 && resp.getStatus() / 100 == 2) {
        emptyWritesAnswered.add(name);
      }
    }
  }

  private String fileNameOf(HttpServletRequest req) {
    try {
      UploadInfo info = tus.getUploadInfo(req.getRequestURI());
      return info == null ? null : info.getMetadata().get("filename");
    } catch (Exception e) {
      return null;
    }
  }

  private boolean isLengthOf(HttpServletRequest req, long end) {
    try {
      UploadInfo info = tus.getUploadInfo(req.getRequestURI());
      return info != null && info.getLength() != null && info.getLength() == end;
    } catch (Exception e) {
      return false;
    }
  }

  /** Lets the server handle a request while its own answer is dropped for another. */
  private static final class Unanswered extends HttpServletResponseWrapper {
    Unanswered(HttpServletResponse r) {
      super(r);
    }

    @Override
    public void setStatus(int sc) {}

    @Override
    public void setHeader(String name, String value) {}

    @Override
    public void addHeader(String name, String value) {}

    @Override
    public void sendError(int sc) {}

    @Override
    public void sendError(int sc, String msg) {}

    @Override
    public void flushBuffer() {}
  }

  private final class Counting extends ServletInputStream {
    private final ServletInputStream in;
    long count;
    private final long started = System.nanoTime();

    Counting(ServletInputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      long rate = throttleBytesPerSecond;
      int n = in.read(b, off, rate > 0 ? Math.min(len, 16 << 10) : len);
      if (n > 0) {
        count += n;
        patchBodyBytes.addAndGet(n);
        if (rate > 0) {
          long due = started + count * 1_000_000_000L / rate;
          long wait = due - System.nanoTime();
          if (wait > 0) {
            try {
              Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new IOException("interrupted", e);
            }
          }
        }
      }
      return n;
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener l) {
      in.setReadListener(l);
    }
  }
}
