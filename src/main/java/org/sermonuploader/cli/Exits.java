package org.sermonuploader.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.Set;
import org.sermonuploader.config.InvalidSettingException;
import org.sermonuploader.engine.JournalException;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.journal.JournalNotOpenedException;
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

  /** Server answers that settings fix, not waiting: the setup is wrong, even if retried. */
  private static final Set<UploadException.Reason> SETUP =
      EnumSet.of(
          UploadException.Reason.CREDENTIALS_REFUSED,
          UploadException.Reason.ACCESS_DENIED,
          UploadException.Reason.NO_SUCH_BUCKET,
          UploadException.Reason.UNKNOWN_HOST,
          UploadException.Reason.TLS,
          UploadException.Reason.NOT_THIS_KIND_OF_SERVER);

  @Override
  public int handleExecutionException(
      Exception e, CommandLine command, CommandLine.ParseResult parsed) {
    return report(e, command.getErr(), "");
  }

  /** The exit code for a command that ended with {@code e}. */
  static int code(Throwable e) {
    if (e instanceof InvalidSettingException || e instanceof JournalNotOpenedException)
      return Cli.USAGE;
    // a fatal error before anything was sent is the settings' (a bad address, CA file, bucket name)
    if (e instanceof UploadException u)
      return SETUP.contains(u.reason()) || u.kind() == UploadException.Kind.FATAL
          ? Cli.USAGE
          : Cli.FAILED;
    return Cli.FAILED;
  }

  /**
   * Says on {@code err} why the command ended (with {@code after}, the command's own advice) and
   * returns its exit code.
   */
  static int report(Throwable e, PrintWriter err, String after) {
    String words;
    if (e instanceof UploadException u) {
      words = u.describe();
    } else if (e instanceof InvalidSettingException
        || e instanceof JournalException
        || e instanceof IOException) {
      words = String.valueOf(e.getMessage());
    } else if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      words = "stopped.";
    } else {
      log.error("Unexpected error", e);
      words = "something went wrong inside the app (" + e + "). Details are in the log.";
    }
    err.println(TerminalText.safe("Error: " + words + after));
    err.flush();
    return code(e);
  }
}
