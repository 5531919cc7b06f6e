package org.sermonuploader.engine.tus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.cli.Cli;
import org.sermonuploader.engine.S3TestSupport;

/** The headless CLI choosing the tus destination by its options. */
@Timeout(60)
class TusCliTest {
  @TempDir Path tmp;
  TusTestServer server;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void setUp() throws Exception {
    server = new TusTestServer(tmp.resolve("server"));
    server.requiredToken = "choir-2024";
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close();
  }

  private int cli(String... args) {
    Map<String, String> env = Map.of("SERMON_UPLOADER_HOME", tmp.resolve("home").toString());
    return Cli.run(
        args,
        env,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void uploadsToTheTusServerNamedOnTheCommandLine() throws Exception {
    Path file = S3TestSupport.randomFile(tmp, "cli.mp3", 7 << 20, 21);
    int code =
        cli(
            "upload",
            "--destination",
            "tus",
            "--tus-endpoint",
            server.endpoint(),
            "--tus-header",
            "Authorization: Bearer choir-2024",
            "--tus-header",
            "X-Station: hall",
            "--part-size",
            "5MiB",
            "--status-port",
            "0",
            file.toString());
    String text = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    assertEquals(Cli.OK, code, text);
    assertEquals(S3TestSupport.sha256(file), server.sha256Of(server.upload("cli.mp3")));
    assertFalse(text.contains("choir-2024"), "the token is never printed");
  }

  @Test
  void aRefusedTokenStopsTheCommandWithTheReason() throws Exception {
    Path file = S3TestSupport.randomFile(tmp, "cli.mp3", 1 << 20, 22);
    int code =
        cli(
            "upload",
            "--destination",
            "tus",
            "--tus-endpoint",
            server.endpoint(),
            "--tus-header",
            "Authorization: Bearer guess",
            "--status-port",
            "0",
            file.toString());
    String errText = err.toString(StandardCharsets.UTF_8);
    assertEquals(Cli.USAGE, code, errText);
    assertTrue(errText.contains("refused the token"), errText);
    assertFalse(errText.contains("guess"), errText);
    assertEquals(0, server.creations.get());
  }

  @Test
  void anUnknownDestinationNamesTheSetting() throws Exception {
    Path file = S3TestSupport.randomFile(tmp, "cli.mp3", 1000, 23);
    int code = cli("upload", "--destination", "ftp", "--status-port", "0", file.toString());
    String errText = err.toString(StandardCharsets.UTF_8);
    assertEquals(Cli.USAGE, code, errText);
    assertTrue(errText.contains("DESTINATION") && errText.contains("s3 or tus"), errText);
  }

  @Test
  void tusWithoutAnAddressNamesTheSetting() throws Exception {
    Path file = S3TestSupport.randomFile(tmp, "cli.mp3", 1000, 24);
    int code = cli("upload", "--destination", "tus", "--status-port", "0", file.toString());
    String errText = err.toString(StandardCharsets.UTF_8);
    assertEquals(Cli.USAGE, code, errText);
    assertTrue(errText.contains("TUS_ENDPOINT"), errText);
  }
}
