package org.sermonuploader.reliability;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Adobe S3Mock 5.2.0, a strict S3 emulator, run as a child process on loopback ports. Maven copies
 * its jar to target/s3mock in generate-test-resources; it needs Java 21 or later, looked for beside
 * the JVM running the tests. Without either, the test using it is skipped with the reason.
 */
final class S3MockServer implements AutoCloseable {
  private static final Path JAR = Path.of("target", "s3mock", "s3mock.jar");

  private final Process process;
  private final int port;
  private final Path log;

  private S3MockServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts S3Mock with {@code bucket} made, its files under {@code root}, and waits for it. */
  static S3MockServer start(Path root, String bucket) throws Exception {
    Assumptions.assumeTrue(
        Files.isRegularFile(JAR),
        "S3Mock's jar is not at " + JAR.toAbsolutePath() + "; run the tests through Maven");
    Optional<Path> java = java21();
    Assumptions.assumeTrue(
        java.isPresent(),
        "S3Mock needs Java 21 or later; none found (set S3MOCK_JAVA_HOME, or install one under"
            + " /usr/lib/jvm)");
    Files.createDirectories(root);
    int http = freePort();
    int https = freePort();
    Path log = root.resolve("s3mock.log");
    List<String> cmd =
        List.of(
            java.get().toString(),
            "-Xmx256m",
            "-XX:TieredStopAtLevel=1",
            "-jar",
            JAR.toAbsolutePath().toString(),
            "--com.adobe.testing.s3mock.httpPort=" + http,
            "--server.port=" + https,
            "--server.address=127.0.0.1",
            "--com.adobe.testing.s3mock.store.root=" + root.resolve("data"),
            "--spring.main.banner-mode=off");
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("COM_ADOBE_TESTING_S3MOCK_STORE_INITIAL_BUCKETS", bucket);
    S3MockServer server = new S3MockServer(pb.start(), http, log);
    try {
      server.awaitAnswer(TimeUnit.SECONDS.toNanos(180));
    } catch (Exception | Error e) {
      server.close();
      throw e;
    }
    return server;
  }

  String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  private void awaitAnswer(long nanos) throws Exception {
    long deadline = System.nanoTime() + nanos;
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException("S3Mock ended at start:\n" + tail());
      }
      try {
        HttpURLConnection c =
            (HttpURLConnection) URI.create(endpoint() + "/").toURL().openConnection();
        c.setConnectTimeout(1000);
        c.setReadTimeout(5000);
        c.getResponseCode();
        c.disconnect();
        return;
      } catch (IOException notYet) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("S3Mock did not answer in time:\n" + tail());
        }
        Thread.sleep(250);
      }
    }
  }

  private String tail() throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  /** A Java 21 or later: the one running the tests, S3MOCK_JAVA_HOME, JAVA_HOME, /usr/lib/jvm. */
  static Optional<Path> java21() throws IOException {
    if (Runtime.version().feature() >= 21) {
      return Optional.of(Path.of(System.getProperty("java.home"), "bin", "java"));
    }
    List<Path> homes = new ArrayList<>();
    for (String env : List.of("S3MOCK_JAVA_HOME", "JAVA_HOME")) {
      String v = System.getenv(env);
      if (v != null && !v.isBlank()) homes.add(Path.of(v));
    }
    Path jvms = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(jvms)) {
      try (DirectoryStream<Path> dirs = Files.newDirectoryStream(jvms)) {
        for (Path d : dirs) homes.add(d);
      }
    }
    for (Path home : homes) {
      Path java = home.resolve("bin").resolve("java");
      if (Files.isExecutable(java) && feature(home) >= 21) return Optional.of(java);
    }
    return Optional.empty();
  }

  /** The Java feature release a JDK's {@code release} file names, or 0. */
  private static int feature(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release)) return 0;
    Properties p = new Properties();
    try (var in = Files.newInputStream(release)) {
      p.load(in);
    } catch (IOException e) {
      return 0;
    }
    String v = p.getProperty("JAVA_VERSION", "").replace("\"", "");
    try {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d+)").matcher(v);
      return m.find() ? Integer.parseInt(m.group(1)) : 0;
    } catch (NumberFormatException e) {
      return 0; // more digits than an int
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
