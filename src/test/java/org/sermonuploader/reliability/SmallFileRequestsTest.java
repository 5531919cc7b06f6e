package org.sermonuploader.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.cli.Cli;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.s3.EmbeddedStore;

/**
 * What a recording smaller than one part costs at the server, seen through a proxy in front of a
 * real S3Proxy: the write, refused by the server if the name is taken (seen to work once, with a
 * probe of the app's own), and the look that confirms it. A whole archive of small files is as
 * quick as these requests. A taken name sends the file to the name search, which looks.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SmallFileRequestsTest {
  @TempDir Path tmp;

  @Test
  void aSmallRecordingCostsAWriteAndAConfirmation() throws Exception {
    EmbeddedStore store = S3TestSupport.startStore(tmp.resolve("store"));
    try (FaultProxy proxy = new FaultProxy(store.port())) {
      Path files = tmp.resolve("files");
      List<String> names = List.of("Psalm-1.mp3", "Psalm-2.mp3", "Psalm-3.mp3");
      for (int i = 0; i < names.size(); i++) {
        S3TestSupport.randomFile(files, names.get(i), 200_000, i + 1);
      }
      Map<String, String> env =
          S3TestSupport.putAppEnv(new HashMap<>(), tmp.resolve("home"), proxy.endpoint());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);

      int code = Cli.run(new String[] {"upload", files.toString()}, env, ps, ps);

      String text = out.toString(StandardCharsets.UTF_8);
      assertEquals(0, code, text);
      String bucket = "/" + S3TestSupport.BUCKET + "/";
      for (String name : names) {
        List<String> onKey =
            proxy.requestLines.stream()
                .filter(l -> l.contains(bucket + name))
                .map(l -> l.substring(0, l.indexOf(" HTTP/")))
                .toList();
        assertEquals(
            List.of("PUT " + bucket + name, "HEAD " + bucket + name),
            onKey,
            "the requests on " + name);
        String sha = S3TestSupport.sha256(files.resolve(name));
        assertEquals(sha, S3TestSupport.downloadSha256(store, name));
        assertEquals(
            sha,
            S3TestSupport.userMetadata(store, name).get("sha256"),
            "the object carries its own SHA-256, for any station to find");
      }
      assertTrue(
          proxy.requestLines.stream().noneMatch(l -> l.contains(".sermon-uploader/sha256/")),
          "no marker object for a file sent in one PUT: " + proxy.requestLines);
      List<String> probe =
          proxy.requestLines.stream()
              .filter(l -> l.contains(".sermon-uploader/conditional-check/"))
              .map(l -> l.substring(0, l.indexOf(' ')))
              .toList();
      assertEquals(List.of("PUT", "PUT", "DELETE"), probe, "the server's refusal, seen once");
    } finally {
      store.stop();
    }
  }

  @Test
  void aTakenNameIsLookedAtAndNeitherRecordingIsLost() throws Exception {
    EmbeddedStore store = S3TestSupport.startStore(tmp.resolve("store"));
    try {
      Path files = tmp.resolve("files");
      Path other = S3TestSupport.randomFile(tmp, "other.mp3", 150_000, 9);
      Path psalm1 = S3TestSupport.randomFile(files, "Psalm-1.mp3", 200_000, 1);
      Path psalm2 = S3TestSupport.randomFile(files, "Psalm-2.mp3", 200_000, 2);
      // another recording under the first one's name, and the second one uploaded already by
      // another station
      S3TestSupport.putObject(store, "Psalm-1.mp3", java.nio.file.Files.readAllBytes(other));
      Path elsewhere = java.nio.file.Files.createDirectories(tmp.resolve("elsewhere"));
      java.nio.file.Files.copy(psalm2, elsewhere.resolve("Psalm-2.mp3"));
      PrintStream quiet =
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
      assertEquals(
          0,
          Cli.run(
              new String[] {"upload", elsewhere.toString()},
              S3TestSupport.putAppEnv(
                  new HashMap<>(), tmp.resolve("other-station"), store.endpoint()),
              quiet,
              quiet));
      Map<String, String> env =
          S3TestSupport.putAppEnv(new HashMap<>(), tmp.resolve("home"), store.endpoint());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);

      int code = Cli.run(new String[] {"upload", files.toString()}, env, ps, ps);

      String text = out.toString(StandardCharsets.UTF_8);
      assertEquals(0, code, text);
      assertEquals(S3TestSupport.sha256(other), S3TestSupport.downloadSha256(store, "Psalm-1.mp3"));
      assertEquals(
          S3TestSupport.sha256(psalm1), S3TestSupport.downloadSha256(store, "Psalm-1 (2).mp3"));
      assertEquals(
          S3TestSupport.sha256(psalm2), S3TestSupport.downloadSha256(store, "Psalm-2.mp3"));
      assertTrue(text.contains("already on the server"), text);
      assertEquals(
          List.of("Psalm-1 (2).mp3", "Psalm-1.mp3", "Psalm-2.mp3"),
          S3TestSupport.keys(store).stream().filter(k -> !k.startsWith(".sermon")).toList());
    } finally {
      store.stop();
    }
  }
}
