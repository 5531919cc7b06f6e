package org.sermonuploader.cli;

import java.io.PrintWriter;
import org.sermonuploader.app.Failure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The one place where a command's failure becomes its last line and its exit code, the same for
 * every command: 2 for what only a change of setup fixes (usage, settings, a journal that can't be
 * opened here, a server that refuses the settings), 1 for what went wrong with the recordings or
 * the connection, and 1 for a fault inside the app, whose details go to the log.
 */
final class Exits implements CommandLine.IExecutionExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(Exits.class);

  @Override
  public int handleExecutionException(
      Exception e, CommandLine command, CommandLine.ParseResult parsed) {
    return report(e, command.getErr(), "");
  }

  /** The exit code for a command that ended with {@code e}. */
  static int code(Throwable e) {
    return code(Failure.of(e));
  }

  /** The exit code for a use case that ended this way. */
  static int code(Failure f) {
    return f.cause().setup() ? Cli.USAGE : Cli.FAILED;
  }

  /**
   * Says on {@code err} why the command ended (with {@code after}, the command's own advice) and
   * returns its exit code.
   */
  static int report(Throwable e, PrintWriter err, String after) {
    Failure f = Failure.of(e);
    if (f.cause() == Failure.Cause.STOPPED) Thread.currentThread().interrupt();
    if (f.cause() == Failure.Cause.INSIDE) log.error("Unexpected error", e);
    err.println(TerminalText.safe("Error: " + f.words() + after));
    err.flush();
    return code(f);
  }
}
