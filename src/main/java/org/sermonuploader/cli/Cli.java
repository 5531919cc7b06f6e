package org.sermonuploader.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Map;
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
    subcommands = {
      UploadCommand.class,
      ResumeCommand.class,
      StatusCommand.class,
      CancelCommand.class,
      VerifyCommand.class,
      DownloadCommand.class,
      MigrateCommand.class,
      WatchCommand.class,
      StationsCommand.class
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
    return commandLine(env, out, err).execute(args);
  }

  /** The command line with its streams, its environment and the one way failures end it. */
  static CommandLine commandLine(Map<String, String> env, PrintStream out, PrintStream err) {
    CommandLine cl = new CommandLine(new Cli(), new EnvFactory(env));
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
