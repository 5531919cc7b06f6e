package org.sermonuploader.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.s3.EmbeddedStore;

/**
 * Runs the real app with a distinctive secret key and webhook URL, through success and failure, and
 * searches every log line, output and file it wrote for them.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SecretLeakTest {
  static final String WEBHOOK = "https://discord.invalid/api/webhooks/1234/Hook-Token-QQ77ZZ";
  @TempDir Path tmp;

  @Test
  void noSecretReachesAnyLogOutputOrFile() throws Exception {
    String secret = "Distinct-Secret-4b7e91c2";
    try (EmbeddedStore store =
        new EmbeddedStore(tmp.resolve("store"), 0, "leak-test", secret)
            .start()
            .withBucket("sermons")) {
      Path home = tmp.resolve("home");
      Map<String, String> env = new HashMap<>();
      env.put("SERMON_UPLOADER_HOME", home.toString());
      env.put("MINIO_ENDPOINT", store.endpoint());
      env.put("MINIO_BUCKET", "sermons");
      env.put("MINIO_ACCESS_KEY", "leak-test");
      env.put("MINIO_SECRET_KEY", secret);
      env.put("DISCORD_WEBHOOK_URL", WEBHOOK);
      env.put("STATUS_PORT", "0");
      env.put("PART_SIZE", "5MiB");
      Path file = S3TestSupport.randomFile(tmp, "sermon.wav", 11 << 20, 9);

      List<Path> outputs = new ArrayList<>();
      Path ok = tmp.resolve("ok.out");
      Process p = ChildProcess.start(env, ok, "upload", file.toString());
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue(), Files.readString(ok));
      outputs.add(ok);

      env.put("MINIO_BUCKET", "missing-bucket");
      Path missing = tmp.resolve("missing.out");
      p = ChildProcess.start(env, missing, "upload", file.toString());
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertEquals(2, p.exitValue());
      outputs.add(missing);

      env.put("MINIO_BUCKET", "sermons");
      env.put("MINIO_SECRET_KEY", secret + "-but-wrong");
      Path wrong = tmp.resolve("wrong.out");
      p = ChildProcess.start(env, wrong, "upload", file.toString());
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertEquals(2, p.exitValue());
      outputs.add(wrong);

      Path status = tmp.resolve("status.out");
      p = ChildProcess.start(env, status, "status");
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      outputs.add(status);

      try (Stream<Path> written = Files.walk(home)) {
        written.filter(Files::isRegularFile).forEach(outputs::add);
      }
      assertTrue(
          outputs.stream().anyMatch(f -> f.toString().endsWith(".log")),
          "the log file was searched");
      for (Path f : outputs) {
        String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertFalse(text.contains(secret), "the secret key is in " + f);
        assertFalse(text.contains("Hook-Token-QQ77ZZ"), "the webhook is in " + f);
      }
    }
  }
}
