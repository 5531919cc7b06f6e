package org.sermonuploader.engine.tus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.s3.EmbeddedStore;

/**
 * The tus Node.js server (@tus/server 2, installed by the build from src/test/node) as it ships,
 * with its file store, or with its S3 store writing into an in-process S3Proxy: the predecessor's
 * tus-to-S3 pipeline. It runs as a child process on 127.0.0.1; what it stored is read back from its
 * folder or from the bucket.
 */
final class NodeTusServer implements AutoCloseable {
  enum Store {
    FILE,
    S3
  }

  /** One upload on the server: its id, its metadata and whether its bytes are stored. */
  record Stored(String id, long size, Map<String, String> metadata) {}

  private static final Path DIR = Path.of("src", "test", "node");
  private static final ObjectMapper JSON = new ObjectMapper();

  final Store store;
  private final Path files;
  private final EmbeddedStore s3;
  private final Process process;
  private final int port;

  private NodeTusServer(Store store, Path files, EmbeddedStore s3, Path log, String... args)
      throws Exception {
    this.store = store;
    this.files = files;
    this.s3 = s3;
    List<String> cmd = new ArrayList<>(List.of("node", "tus-server.mjs"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(DIR.toFile()).redirectErrorStream(true);
    // the machine's CA bundle setting makes the AWS SDK refuse plain http
    pb.environment().remove("AWS_CA_BUNDLE");
    pb.environment().put("AWS_ACCESS_KEY_ID", S3TestSupport.ACCESS);
    pb.environment().put("AWS_SECRET_ACCESS_KEY", S3TestSupport.SECRET);
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new IllegalStateException("These tests need Node.js 20 or later on the PATH", e);
    }
    CompletableFuture<Integer> listening = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  if (line.startsWith("listening ")) {
                    listening.complete(Integer.parseInt(line.substring(10).trim()));
                  }
                  Files.writeString(
                      log,
                      line + "\n",
                      StandardCharsets.UTF_8,
                      java.nio.file.StandardOpenOption.CREATE,
                      java.nio.file.StandardOpenOption.APPEND);
                }
              } catch (IOException e) {
                // the server was stopped
              } finally {
                listening.completeExceptionally(
                    new IllegalStateException("the tus Node.js server ended; its output: " + log));
              }
            },
            "node-tus-output");
    reader.setDaemon(true);
    reader.start();
    try {
      port = listening.get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      reader.join(2000);
      throw new IllegalStateException(
          "the tus Node.js server did not start: "
              + (Files.exists(log) ? Files.readString(log) : "no output"),
          e);
    }
  }

  static NodeTusServer fileStore(Path dir) throws Exception {
    Path files = Files.createDirectories(dir.resolve("files"));
    return new NodeTusServer(
        Store.FILE, files, null, dir.resolve("node.log"), "file", files.toString());
  }

  /** {@code @tus/s3-store} 2 in front of {@code s3}, writing into its test bucket. */
  static NodeTusServer s3Store(Path dir, EmbeddedStore s3) throws Exception {
    Files.createDirectories(dir);
    return new NodeTusServer(
        Store.S3, null, s3, dir.resolve("node.log"), "s3", s3.endpoint(), S3TestSupport.BUCKET);
  }

  int port() {
    return port;
  }

  String endpoint() {
    return "http://127.0.0.1:" + port + "/files";
  }

  /** Every upload the server knows, finished or not. */
  List<Stored> uploads() throws IOException {
    Path dir = store == Store.FILE ? files : s3.root().resolve(S3TestSupport.BUCKET);
    String suffix = store == Store.FILE ? ".json" : ".info";
    List<Stored> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (!p.getFileName().toString().endsWith(suffix)) continue;
        JsonNode info = JSON.readTree(p.toFile());
        Map<String, String> meta = new LinkedHashMap<>();
        JsonNode m = info.path("metadata");
        for (Map.Entry<String, JsonNode> e : m.properties()) {
          meta.put(e.getKey(), e.getValue().asText());
        }
        out.add(new Stored(info.path("id").asText(), info.path("size").asLong(-1), meta));
      }
    }
    return out;
  }

  /** The upload whose metadata says filename = name. */
  Stored upload(String fileName) throws IOException {
    List<Stored> found =
        uploads().stream().filter(u -> fileName.equals(u.metadata().get("filename"))).toList();
    if (found.size() != 1) {
      throw new AssertionError(found.size() + " uploads named " + fileName + ": " + uploads());
    }
    return found.get(0);
  }

  /** Whether the upload's bytes are there: a file in the folder, an object in the bucket. */
  boolean hasData(Stored u) {
    return Files.isRegularFile(dataPath(u));
  }

  /** SHA-256 of the bytes stored, as the folder holds them or as the S3 server serves them. */
  String sha256Of(Stored u) throws Exception {
    if (store == Store.FILE) return S3TestSupport.sha256(dataPath(u));
    return S3TestSupport.downloadSha256(s3, u.id());
  }

  String textOf(Stored u) throws IOException {
    return Files.readString(dataPath(u), StandardCharsets.UTF_8);
  }

  private Path dataPath(Stored u) {
    return store == Store.FILE
        ? files.resolve(u.id())
        : s3.root().resolve(S3TestSupport.BUCKET).resolve(u.id());
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
