package org.sermonuploader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.journal.Journal;
import picocli.CommandLine;

/** Every command ends the same way for the same kind of trouble: the README's exit code table. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ExitCodesTest {
  @TempDir Path tmp;
  EmbeddedStore store;
  Map<String, String> env;
  Path home;

  record Result(int code, String out, String err) {}

  /** What goes wrong, set up before the command runs. */
  enum Trouble {
    USAGE_ERROR,
    BAD_SETTING,
    JOURNAL_CANNOT_BE_OPENED,
    CREDENTIALS_REFUSED,
    RECORDING_FAILED_DIFFERS_OR_MISSING
  }

  @BeforeEach
  void start() throws Exception {
    store = S3TestSupport.startStore(tmp.resolve("store"));
    home = tmp.resolve("home");
    env = S3TestSupport.putAppEnv(new HashMap<>(), home, store.endpoint());
    env.put("CONNECT_TIMEOUT_SECONDS", "2");
    env.put("IO_TIMEOUT_SECONDS", "5");
  }

  @AfterEach
  void stop() {
    store.stop();
  }

  static Stream<Arguments> cases() {
    List<Arguments> all = new ArrayList<>();
    List<List<String>> commands =
        List.of(
            List.of("upload", "FILE"),
            List.of("resume"),
            List.of("status"),
            List.of("cancel", "1"),
            List.of("verify"),
            List.of("download", "sermon.wav", "OUT"),
            List.of("migrate"));
    for (List<String> c : commands) {
      all.add(Arguments.of(c, Trouble.USAGE_ERROR, Cli.USAGE, "Unknown option"));
      // status and cancel read only the journal: a setting they don't use can't stop them
      if (!List.of("status", "cancel").contains(c.get(0)))
        all.add(Arguments.of(c, Trouble.BAD_SETTING, Cli.USAGE, "PART_SIZE"));
      all.add(Arguments.of(c, Trouble.JOURNAL_CANNOT_BE_OPENED, Cli.USAGE, "journal"));
    }
    for (String c : List.of("upload", "verify", "download")) {
      List<String> cmd = commands.stream().filter(l -> l.get(0).equals(c)).findFirst().get();
      all.add(Arguments.of(cmd, Trouble.CREDENTIALS_REFUSED, Cli.USAGE, "refused"));
    }
    all.add(
        Arguments.of(
            List.of("upload", "FILE", "GONE"),
            Trouble.RECORDING_FAILED_DIFFERS_OR_MISSING,
            Cli.FAILED,
            "1 skipped"));
    all.add(
        Arguments.of(
            List.of("verify", "sermon.wav", "gone.wav"),
            Trouble.RECORDING_FAILED_DIFFERS_OR_MISSING,
            Cli.FAILED,
            "missing"));
    all.add(
        Arguments.of(
            List.of("download", "gone.wav", "OUT"),
            Trouble.RECORDING_FAILED_DIFFERS_OR_MISSING,
            Cli.FAILED,
            "gone.wav"));
    return all.stream();
  }

  @ParameterizedTest(name = "{0} with {1} exits {2}")
  @MethodSource("cases")
  void eachTroubleEndsEveryCommandWithItsExitCode(
      List<String> command, Trouble trouble, int expected, String said) throws Exception {
    Path recording = S3TestSupport.randomFile(tmp, "sermon.wav", 100_000, 1);
    assertEquals(Cli.OK, cli("upload", recording.toString()).code(), "a stored recording");
    List<String> args = new ArrayList<>();
    for (String a : command) {
      args.add(
          switch (a) {
            case "FILE" -> recording.toString();
            case "GONE" -> tmp.resolve("gone.wav").toString();
            case "OUT" -> tmp.resolve("copy-" + trouble + ".wav").toString();
            default -> a;
          });
    }
    switch (trouble) {
      case USAGE_ERROR -> args.add("--no-such-option");
      case BAD_SETTING -> env.put("PART_SIZE", "lots");
      case JOURNAL_CANNOT_BE_OPENED -> {
        Files.delete(home.resolve(Journal.FILE_NAME));
        Files.deleteIfExists(home.resolve(Journal.FILE_NAME + "-wal"));
        Files.deleteIfExists(home.resolve(Journal.FILE_NAME + "-shm"));
        Files.createDirectory(home.resolve(Journal.FILE_NAME));
      }
      case CREDENTIALS_REFUSED -> env.put("MINIO_SECRET_KEY", "not-the-secret");
      case RECORDING_FAILED_DIFFERS_OR_MISSING -> {}
    }
    Result r = cli(args.toArray(String[]::new));
    assertEquals(expected, r.code(), args + " " + trouble + "\n" + r.out() + r.err());
    assertTrue((r.out() + r.err()).contains(said), r.out() + r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
  }

  @Test
  void aFaultInsideTheAppExitsOneAndPointsToTheLog() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CommandLine cl =
        Cli.commandLine(
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    cl.addSubcommand("broken", new CommandLine(new Broken()));
    cl.setErr(cl.getErr()); // a subcommand added later writes where the others do
    int code = cl.execute("broken");
    String said = err.toString(StandardCharsets.UTF_8);
    assertEquals(Cli.FAILED, code, said);
    assertTrue(said.contains("something went wrong inside the app"), said);
    assertTrue(said.contains("Details are in the log."), said);
    assertFalse(said.contains("\tat "), said);
  }

  @CommandLine.Command(name = "broken")
  static final class Broken implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new IllegalStateException("a bug");
    }
  }

  private Result cli(String... args) {
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
}
