package org.sermonuploader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
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
import org.sermonuploader.app.Library;
import org.sermonuploader.app.UploadService;
import org.sermonuploader.config.Settings;
import org.sermonuploader.config.SettingsStore;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.memory.PressureGate;
import org.sermonuploader.model.CheckOutcome;
import org.sermonuploader.model.RecordingCheck;

/** A `verify` run from the command line shows in the window's History, as one run there does. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class VerifyInHistoryTest {
  @TempDir Path tmp;
  EmbeddedStore store;
  Map<String, String> env;
  Path home;

  @BeforeEach
  void start() throws Exception {
    store = S3TestSupport.startStore(tmp.resolve("store"));
    home = tmp.resolve("home");
    env = S3TestSupport.putAppEnv(new HashMap<>(), home, store.endpoint());
  }

  @AfterEach
  void stop() {
    store.stop();
  }

  @Test
  void aCheckRunFromTheCommandLineIsWhatTheWindowsHistoryShows() throws Exception {
    Path good = S3TestSupport.randomFile(tmp, "morning.wav", 300_000, 1);
    Path bad = S3TestSupport.randomFile(tmp, "evening.wav", 300_000, 2);
    assertEquals(Cli.OK, cli("upload", good.toString(), bad.toString()));
    try (RandomAccessFile f =
        new RandomAccessFile(
            store.root().resolve(S3TestSupport.BUCKET).resolve("evening.wav").toFile(), "rw")) {
      f.seek(1000);
      int b = f.read();
      f.seek(1000);
      f.write(b ^ 0xFF);
    }

    assertEquals(Cli.FAILED, cli("verify"), "one recording differs");

    // what the window's History reads: Library.checks(), for the destination it shows
    Settings settings = new SettingsStore(home).load(env);
    try (UploadService s =
        UploadService.builder(settings, home).gateOnly(PressureGate.NEVER_PRESSED).open()) {
      Library library = new Library(s);
      List<RecordingCheck> checks = library.checks();
      assertEquals(2, checks.size(), checks.toString());
      for (RecordingCheck c : checks) {
        assertEquals(library.destination(), c.destination(), "shown on the row of " + c.key());
        assertEquals(
            c.key().equals("evening.wav") ? CheckOutcome.DIFFERS : CheckOutcome.OK,
            c.outcome(),
            c.key());
      }
    }
  }

  private int cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
    int code = Cli.run(args, env, ps, ps);
    assertTrue(code >= 0, out.toString(StandardCharsets.UTF_8));
    return code;
  }
}
