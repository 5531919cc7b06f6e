package org.sermonuploader.engine;

import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.engine.s3.S3Config;
import org.sermonuploader.engine.s3.S3Transfer;

/** A real S3 server in-process (S3Proxy on 127.0.0.1) and what tests need around it. */
public final class S3TestSupport {
  public static final String ACCESS = "test-access";
  public static final String SECRET = "test-secret-Xy9";
  public static final String BUCKET = "sermons";
  public static final long MIB = 1L << 20;

  private S3TestSupport() {}

  public static EmbeddedStore startStore(Path root) throws IOException {
    return new EmbeddedStore(root, 0, ACCESS, SECRET).start().withBucket(BUCKET);
  }

  public static S3Config config(EmbeddedStore store) {
    return config(store.endpoint(), BUCKET, ACCESS, SECRET);
  }

  public static S3Config config(String endpoint, String bucket, String access, String secret) {
    return new S3Config(
        endpoint,
        bucket,
        access,
        secret,
        "us-east-1",
        Duration.ofSeconds(2),
        Duration.ofSeconds(5),
        null,
        false);
  }

  public static S3Transfer transfer(EmbeddedStore store) throws UploadException {
    return new S3Transfer(config(store));
  }

  /**
   * Points the app, with its data in {@code home}, at the test bucket on {@code endpoint} (left
   * unset when null), with the status page off: the environment a volunteer's CLI would have.
   */
  public static Map<String, String> putAppEnv(Map<String, String> env, Path home, String endpoint) {
    env.put("SERMON_UPLOADER_HOME", home.toString());
    if (endpoint != null) env.put("MINIO_ENDPOINT", endpoint);
    env.put("MINIO_BUCKET", BUCKET);
    env.put("MINIO_ACCESS_KEY", ACCESS);
    env.put("MINIO_SECRET_KEY", SECRET);
    env.put("STATUS_PORT", "0");
    return env;
  }

  /** Options for tests: 5 MiB parts, 2 in flight, quick retries. */
  public static EngineOptions options() {
    return EngineOptions.builder()
        .keys(new ObjectKeys("", "{filename}", "test-station"))
        .station("test-station")
        .partSize(5 * MIB)
        .partsInFlight(2)
        .retry(new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(800)))
        .build();
  }

  /** A file of random bytes (not compressible, like audio). */
  public static Path randomFile(Path dir, String name, long size, long seed) throws IOException {
    return randomFile(dir.resolve(name), size, seed);
  }

  /** A file of random bytes at {@code f}, its folders made as needed. */
  public static Path randomFile(Path f, long size, long seed) throws IOException {
    Files.createDirectories(f.getParent());
    Random r = new Random(seed);
    byte[] buf = new byte[64 * 1024];
    try (var out = Files.newOutputStream(f)) {
      long left = size;
      while (left > 0) {
        r.nextBytes(buf);
        int n = (int) Math.min(buf.length, left);
        out.write(buf, 0, n);
        left -= n;
      }
    }
    // a recording made an hour ago: a file modified seconds ago is treated as still being written
    Files.setLastModifiedTime(
        f, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
    return f;
  }

  public static String sha256(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return sha256(in);
    }
  }

  public static String sha256(InputStream in) throws Exception {
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    try (DigestInputStream din = new DigestInputStream(in, d)) {
      din.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(d.digest());
  }

  /** Downloads the object through S3 and hashes it: what a user would check. */
  public static String downloadSha256(EmbeddedStore store, String key) throws Exception {
    MinioClient c =
        MinioClient.builder()
            .endpoint(store.endpoint())
            .credentials(ACCESS, SECRET)
            .region("us-east-1")
            .build();
    try (InputStream in = c.getObject(GetObjectArgs.builder().bucket(BUCKET).object(key).build())) {
      return sha256(in);
    }
  }

  /** A plain S3 client on the test bucket, as another tool or station would use it. */
  public static MinioClient client(EmbeddedStore store) {
    return MinioClient.builder()
        .endpoint(store.endpoint())
        .credentials(ACCESS, SECRET)
        .region("us-east-1")
        .build();
  }

  /** Stores {@code bytes} under {@code key} the way another station or tool would. */
  public static void putObject(EmbeddedStore store, String key, byte[] bytes) throws Exception {
    client(store)
        .putObject(
            PutObjectArgs.builder().bucket(BUCKET).object(key).data(bytes, bytes.length).build());
  }

  /** Every key in the bucket, hidden ones included. */
  /** The keys of the unfinished multipart uploads on the server (ListMultipartUploads). */
  public static java.util.List<String> unfinishedUploads(EmbeddedStore store) throws Exception {
    var c =
        io.minio.MinioAsyncClient.builder()
            .endpoint(store.endpoint())
            .credentials(ACCESS, SECRET)
            .region("us-east-1")
            .build();
    var r =
        c.listMultipartUploads(io.minio.ListMultipartUploadsArgs.builder().bucket(BUCKET).build())
            .get();
    java.util.List<String> keys = new java.util.ArrayList<>();
    for (var u : r.result().uploads()) keys.add(u.objectName());
    return keys;
  }

  public static java.util.SortedSet<String> keys(EmbeddedStore store) throws Exception {
    java.util.SortedSet<String> out = new java.util.TreeSet<>();
    for (var r :
        client(store).listObjects(ListObjectsArgs.builder().bucket(BUCKET).recursive(true).build()))
      out.add(r.get().objectName());
    return out;
  }

  public static String contentType(EmbeddedStore store, String key) throws Exception {
    return client(store)
        .statObject(StatObjectArgs.builder().bucket(BUCKET).object(key).build())
        .contentType();
  }

  public static Map<String, String> userMetadata(EmbeddedStore store, String key) throws Exception {
    MinioClient c = client(store);
    var stat = c.statObject(StatObjectArgs.builder().bucket(BUCKET).object(key).build());
    Map<String, String> out = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (var e : stat.userMetadata()) out.put(e.getKey(), e.getValue());
    return out;
  }
}
