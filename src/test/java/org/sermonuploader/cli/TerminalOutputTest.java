package org.sermonuploader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.s3.EmbeddedStore;

/**
 * File names may hold line breaks, tabs and terminal escape codes (Linux allows all but '/' and
 * NUL). Printed raw they would fake lines, clear the screen or recolour it; the CLI shows them
 * escaped in progress lines, summaries and status.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TerminalOutputTest {
  @TempDir Path tmp;
  EmbeddedStore store;
  Map<String, String> env;

  @BeforeEach
  void start() throws Exception {
    store = S3TestSupport.startStore(tmp.resolve("store"));
    env = S3TestSupport.putAppEnv(new HashMap<>(), tmp.resolve("home"), store.endpoint());
  }

  @AfterEach
  void stop() {
    store.stop();
  }

  private String cli(int expectedCode, String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int code = Cli.run(args, env, print, print);
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(expectedCode, code, text);
    return text;
  }

  @Test
  void namesWithLineBreaksTabsAndEscapeCodesArePrintedEscaped() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("stick"));
    S3TestSupport.randomFile(dir, "Easter\nuploaded  fake.wav -> x.wav.mp3", 3000, 1);
    S3TestSupport.randomFile(dir, "tab\there.mp3", 3000, 2);
    S3TestSupport.randomFile(dir, "\u001b[2J\u001b[31mred.wav", 3000, 3);
    S3TestSupport.randomFile(dir, "sermon\u202e3pm.wav", 3000, 4);

    String upload = cli(0, "upload", dir.toString());
    String status = cli(0, "status");

    for (String shown : List.of(upload, status)) {
      assertFalse(shown.contains("\u001b"), "no raw escape code: " + shown);
      assertFalse(shown.contains("\t"), "no raw tab: " + shown);
      assertFalse(shown.contains("\u202e"), "no raw direction override: " + shown);
      assertFalse(shown.contains("Easter\n"), "no line break inside a name: " + shown);
      assertTrue(shown.contains("Easter\\nuploaded  fake.wav -> x.wav.mp3"), shown);
      assertTrue(shown.contains("tab\\there.mp3"), shown);
      assertTrue(shown.contains("\\e[2J\\e[31mred.wav"), shown);
      assertTrue(shown.contains("sermon\\u202e3pm.wav"), shown);
    }
    assertEquals(
        4, upload.lines().filter(l -> l.startsWith("uploaded  ")).count(), "one line each");
    assertTrue(upload.contains("4 uploaded or already there, 0 failed."), upload);
  }
}
