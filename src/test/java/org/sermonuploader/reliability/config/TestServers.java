package org.sermonuploader.reliability.config;

import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import org.awaitility.Awaitility;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.sermonuploader.engine.S3TestSupport;

/**
 * S3Proxy set up the way a misconfigured or unusual server would be: over https with a self-signed
 * certificate made by the JDK's keytool, or with its own idea of the time.
 */
@SuppressWarnings("try") // close() passes on what S3Proxy.stop() throws, interrupts included
final class TestServers implements AutoCloseable {
  static final String PASSWORD = "changeit-test";
  private final S3Proxy proxy;
  private final boolean https;
  final Path keyStore;
  final Path certificatePem;

  private TestServers(S3Proxy proxy, boolean https, Path keyStore, Path certificatePem) {
    this.proxy = proxy;
    this.https = https;
    this.keyStore = keyStore;
    this.certificatePem = certificatePem;
  }

  /**
   * https on 127.0.0.1 with a certificate for the given subject alternative names, e.g.
   * "ip:127.0.0.1".
   */
  static TestServers https(Path dir, String san) throws Exception {
    return https(dir, san, null, 2);
  }

  /**
   * The same with a certificate valid from {@code startDate} (keytool syntax, e.g. "-10d") for
   * {@code days}.
   */
  static TestServers https(Path dir, String san, String startDate, int days) throws Exception {
    Files.createDirectories(dir);
    Path ks = dir.resolve("server.p12");
    Path pem = dir.resolve("server-ca.pem");
    List<String> gen =
        new ArrayList<>(
            List.of(
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-validity",
                Integer.toString(days),
                "-dname",
                "CN=sermon-uploader-test, O=Sermon Uploader Test",
                "-ext",
                "SAN=" + san,
                "-storetype",
                "PKCS12",
                "-keystore",
                ks.toString(),
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD));
    if (startDate != null) gen.addAll(List.of("-startdate", startDate));
    keytool(gen.toArray(new String[0]));
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "server",
        "-keystore",
        ks.toString(),
        "-storepass",
        PASSWORD,
        "-file",
        pem.toString());
    S3Proxy p =
        builder(dir)
            .secureEndpoint(URI.create("https://127.0.0.1:0"))
            .keyStore(ks.toString(), PASSWORD)
            .build();
    return new TestServers(start(p), true, ks, pem);
  }

  /** Plain http whose request-date check allows {@code maximumTimeSkewSeconds}. */
  static TestServers withTimeSkew(Path dir, int maximumTimeSkewSeconds) throws Exception {
    S3Proxy p =
        builder(dir)
            .endpoint(URI.create("http://127.0.0.1:0"))
            .maximumTimeSkew(maximumTimeSkewSeconds)
            .build();
    return new TestServers(start(p), false, null, null);
  }

  private static S3Proxy.Builder builder(Path dir) throws IOException {
    Path root = Files.createDirectories(dir.resolve("data"));
    Files.createDirectories(root.resolve(S3TestSupport.BUCKET));
    return S3Proxy.builder()
        .blobStore(new FilesystemNio2BlobStore(root.toString()))
        .awsAuthentication(
            AuthenticationType.AWS_V2_OR_V4, S3TestSupport.ACCESS, S3TestSupport.SECRET);
  }

  private static S3Proxy start(S3Proxy p) throws Exception {
    p.start();
    Awaitility.await("S3Proxy started")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> "STARTED".equals(p.getState()));
    return p;
  }

  static void keytool(String... args) throws IOException, InterruptedException {
    Path tool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> cmd = new ArrayList<>(List.of(tool.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0)
      throw new IOException("keytool failed: " + out);
  }

  String endpoint() {
    return (https
        ? "https://127.0.0.1:" + proxy.getSecurePort()
        : "http://127.0.0.1:" + proxy.getPort());
  }

  /** The https port addressed with http://, as a settings typo would. */
  String httpEndpointOnHttpsPort() {
    return "http://127.0.0.1:" + proxy.getSecurePort();
  }

  /** Downloads an object over https, trusting this server's certificate, and hashes it. */
  String downloadSha256(String key) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      trust.load(in, PASSWORD.toCharArray());
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    OkHttpClient http =
        new OkHttpClient.Builder()
            .sslSocketFactory(ctx.getSocketFactory(), (X509TrustManager) tmf.getTrustManagers()[0])
            .build();
    MinioClient c =
        MinioClient.builder()
            .endpoint(endpoint())
            .credentials(S3TestSupport.ACCESS, S3TestSupport.SECRET)
            .region("us-east-1")
            .httpClient(http)
            .build();
    try (InputStream in =
        c.getObject(GetObjectArgs.builder().bucket(S3TestSupport.BUCKET).object(key).build())) {
      return S3TestSupport.sha256(in);
    }
  }

  /** A port nothing listens on (it was free a moment ago). */
  static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
  }
}
