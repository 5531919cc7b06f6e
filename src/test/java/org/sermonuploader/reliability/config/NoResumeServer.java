package org.sermonuploader.reliability.config;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small S3 server that answers what a simple fake S3 answers (s3rver 3.7.1 is one): listing the
 * bucket and starting a multipart upload work, but listing unfinished uploads, listing an upload's
 * parts and aborting it are not (501 NotImplemented and 405 MethodNotAllowed, as s3rver answers).
 * Which of those it lacks is up to the test.
 */
final class NoResumeServer implements AutoCloseable {
  private static final String NOT_IMPLEMENTED =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NotImplemented</Code><Message>A"
          + " header you provided implies functionality that is not implemented.</Message></Error>";

  private static final String METHOD_NOT_ALLOWED =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>MethodNotAllowed</Code><Message>The"
          + " specified method is not allowed against this resource.</Message></Error>";

  private final HttpServer http;
  private final boolean listsUploads;
  final AtomicInteger started = new AtomicInteger();
  final AtomicInteger aborted = new AtomicInteger();

  /**
   * @param listsUploads whether listing unfinished uploads works (aborting works then too); listing
   *     an upload's parts never does
   */
  NoResumeServer(boolean listsUploads) throws IOException {
    this.listsUploads = listsUploads;
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext("/", this::answer);
    http.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  private void answer(HttpExchange x) throws IOException {
    String method = x.getRequestMethod();
    String raw = x.getRequestURI().getRawQuery();
    java.util.Set<String> query = new java.util.HashSet<>();
    if (raw != null) {
      for (String p : raw.split("&", -1)) query.add(p.split("=", 2)[0]);
    }
    x.getRequestBody().readAllBytes();
    if (method.equals("GET") && query.contains("list-type")) {
      send(
          x,
          200,
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult"
              + " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>sermons</Name>"
              + "<KeyCount>0</KeyCount><MaxKeys>1</MaxKeys><IsTruncated>false</IsTruncated>"
              + "</ListBucketResult>");
    } else if (method.equals("GET") && query.contains("uploads")) {
      if (!listsUploads) {
        send(x, 501, NOT_IMPLEMENTED);
        return;
      }
      send(
          x,
          200,
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListMultipartUploadsResult"
              + " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Bucket>sermons</Bucket>"
              + "<MaxUploads>1</MaxUploads><IsTruncated>false</IsTruncated>"
              + "</ListMultipartUploadsResult>");
    } else if (method.equals("POST") && query.contains("uploads")) {
      int n = started.incrementAndGet();
      send(
          x,
          200,
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><InitiateMultipartUploadResult"
              + " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Bucket>sermons</Bucket>"
              + "<Key>k</Key><UploadId>upload-"
              + n
              + "</UploadId></InitiateMultipartUploadResult>");
    } else if (method.equals("DELETE") && query.contains("uploadId") && listsUploads) {
      aborted.incrementAndGet();
      x.sendResponseHeaders(204, -1);
      x.close();
    } else {
      send(x, 405, METHOD_NOT_ALLOWED); // s3rver's answer to ListParts and abort
    }
  }

  private static void send(HttpExchange x, int status, String xml) throws IOException {
    byte[] body = xml.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", "application/xml");
    x.sendResponseHeaders(status, body.length);
    x.getResponseBody().write(body);
    x.close();
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
