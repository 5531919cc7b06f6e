package org.sermonuploader.engine.s3;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.jspecify.annotations.Nullable;

/**
 * A small S3-compatible store on 127.0.0.1, backed by a folder. Used when no server is configured
 * so that a first run uploads somewhere real, and by the tests as their S3 server. It can be
 * stopped and started again on the same port and folder, as a restarting MinIO would be.
 */
public final class EmbeddedStore implements AutoCloseable {
  private final Path root;
  private final String accessKey;
  private final String secretKey;
  private int port;
  private @Nullable S3Proxy proxy;

  public EmbeddedStore(Path root, int port) {
    this(root, port, "local", HexFormat.of().formatHex(new SecureRandom().generateSeed(16)));
  }

  public EmbeddedStore(Path root, int port, String accessKey, String secretKey) {
    this.root = root;
    this.port = port;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  public synchronized EmbeddedStore start() throws IOException {
    if (proxy != null) return this;
    Files.createDirectories(root);
    S3Proxy p =
        S3Proxy.builder()
            .blobStore(new FilesystemNio2BlobStore(root.toAbsolutePath().toString()))
            .endpoint(URI.create("http://127.0.0.1:" + port))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
            .build();
    try {
      p.start();
      long deadline = System.currentTimeMillis() + 10_000;
      while (!"STARTED".equals(p.getState()) && System.currentTimeMillis() < deadline)
        Thread.sleep(10);
    } catch (Exception e) {
      throw new IOException("The local store could not start: " + e.getMessage(), e);
    }
    proxy = p;
    port = p.getPort();
    return this;
  }

  /** Creates a bucket (a folder) if it is not there. */
  public EmbeddedStore withBucket(String bucket) throws IOException {
    Files.createDirectories(root.resolve(bucket));
    return this;
  }

  public synchronized void stop() {
    if (proxy == null) return;
    try {
      proxy.stop();
    } catch (Exception e) {
      // stopping is best effort; the port is released with the JVM at the latest
    }
    proxy = null;
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public Path root() {
    return root;
  }

  public String accessKey() {
    return accessKey;
  }

  public String secretKey() {
    return secretKey;
  }

  @Override
  public void close() {
    stop();
  }
}
