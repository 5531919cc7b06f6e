package org.sermonuploader.reliability.config;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.sermonuploader.cli.Cli;
import org.sermonuploader.engine.S3TestSupport;

/** Runs the real CLI in-process with its own environment and captures what a user would see. */
final class CliRunner {
  record Result(int code, String out, String err) {
    String all() {
      return out + err;
    }
  }

  final Map<String, String> env = new HashMap<>();

  CliRunner(Path home, String endpoint) {
    S3TestSupport.putAppEnv(env, home, endpoint);
    env.put("CONNECT_TIMEOUT_SECONDS", "2");
    env.put("IO_TIMEOUT_SECONDS", "5");
  }

  Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Cli.run(
            args,
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /**
   * A volunteer reads the message; a stack trace or an exception's class name belongs in the log.
   */
  static void assertNoStackTrace(Result r) {
    String all = r.all();
    assertFalse(
        all.contains("\tat ") || all.contains("Exception") || all.contains("Caused by"), all);
    assertFalse(all.contains(S3TestSupport.SECRET), all);
  }
}
