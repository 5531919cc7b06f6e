package org.sermonuploader.engine.s3;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Tells whether a server answers in TLS, to explain an "http://" address given for an https server:
 * such a server answers a plain request with a TLS alert, which the HTTP client only reports as a
 * broken connection.
 */
final class TlsProbe {
  private TlsProbe() {}

  /**
   * True when host:port completes a TLS handshake. The handshake trusts any certificate because it
   * only asks "is this TLS?": nothing is sent over it and it is closed at once.
   */
  static boolean speaksTls(URI endpoint, Duration timeout) {
    String host = endpoint.getHost();
    int port = endpoint.getPort() > 0 ? endpoint.getPort() : 80;
    int ms = (int) Math.max(1, timeout.toMillis());
    try (Socket raw = new Socket()) {
      raw.connect(new InetSocketAddress(host, port), ms);
      raw.setSoTimeout(ms);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new AnyCertificate()}, null);
      try (SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(raw, host, port, true)) {
        tls.startHandshake();
        return true;
      }
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private static final class AnyCertificate implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
