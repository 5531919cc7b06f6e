package org.sermonuploader.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.config.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The headless command line: upload, resume, status, cancel. */
@Command(
    name = "sermon-uploader",
    mixinStandardHelpOptions = true,
    versionProvider = Cli.VersionProvider.class,
    description = {
      "Uploads sermon recordings to a MinIO/S3 bucket, resumably and with little memory.",
      "Without a command it opens the window."
    },
    footer = {
      "",
      "Exit codes (every command):",
      "  0 done.",
      "  1 a recording failed, differs or is missing, or the app failed inside (see the log).",
      "  2 a usage, settings, journal or server setup error.",
      "The secret key comes only from MINIO_SECRET_KEY, --secret-key-file or the settings file."
    })
public final class Cli implements Runnable {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;

  /**
   * The subcommands, in the order the help lists them. Added to the command line in code, not in
   * the annotation, so that a run builds only the one it was given: picocli reads every option of
   * every command it knows by reflection (its classes predate Java 6, so the class data archive
   * cannot hold them), and building all nine took a quarter of a short upload's start.
   */
  private static final List<Class<?>> COMMANDS =
      List.of(
          UploadCommand.class,
          ResumeCommand.class,
          StatusCommand.class,
          CancelCommand.class,
          VerifyCommand.class,
          DownloadCommand.class,
          MigrateCommand.class,
          WatchCommand.class,
          StationsCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"Sermon Uploader " + Version.get()};
    }
  }

  /** Runs the CLI with the given environment and streams; returns the exit code. */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    return commandLine(env, out, err, args.length == 0 ? null : args[0]).execute(args);
  }

  /** The command line with every subcommand, its streams, its environment and its exits. */
  static CommandLine commandLine(Map<String, String> env, PrintStream out, PrintStream err) {
    return commandLine(env, out, err, null);
  }

  /**
   * The command line; when {@code first} names a subcommand, with only that one (the run needs no
   * other), else with all of them, for the help and the error that names them.
   */
  private static CommandLine commandLine(
      Map<String, String> env, PrintStream out, PrintStream err, @Nullable String first) {
    CommandLine cl = new CommandLine(new Cli(), new EnvFactory(env));
    Class<?> named =
        COMMANDS.stream()
            .filter(c -> c.getAnnotation(Command.class).name().equals(first))
            .findFirst()
            .orElse(null);
    for (Class<?> c : named == null ? COMMANDS : List.of(named)) cl.addSubcommand(c);
    // streams and handlers after the subcommands: picocli hands them to those it has
    // the charset the console streams encode with on Java 17, so names print as the terminal
    // expects
    cl.setOut(new PrintWriter(new OutputStreamWriter(out, Charset.defaultCharset()), true));
    cl.setErr(new PrintWriter(new OutputStreamWriter(err, Charset.defaultCharset()), true));
    cl.setExitCodeExceptionMapper(Exits::code);
    cl.setExecutionExceptionHandler(new Exits());
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          ex.getCommandLine().getErr().println("Error: " + ex.getMessage());
          ex.getCommandLine()
              .getErr()
              .println(
                  "Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          return USAGE;
        });
    return cl;
  }

  /** Gives commands the environment they run in, so tests can pass their own. */
  static final class EnvFactory implements CommandLine.IFactory {
    private final Map<String, String> env;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    EnvFactory(Map<String, String> env) {
      this.env = env;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
      K k = fallback.create(cls);
      if (k instanceof NeedsEnvironment needs) needs.environment(env);
      return k;
    }
  }

  interface NeedsEnvironment {
    void environment(Map<String, String> env);
  }
}
