package org.sermonuploader.app;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import org.sermonuploader.config.InvalidSettingException;
import org.sermonuploader.engine.JournalException;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.journal.JournalNotOpenedException;

/**
 * Why a use case ended early, as a face needs it: where it went wrong (a face turns that into its
 * exit code or its tone) and the words for the volunteer. The faces see this, never the engine's or
 * the journal's exceptions.
 */
public record Failure(Cause cause, String words) {
  /** Where it went wrong. */
  public enum Cause {
    /** A setting is wrong. */
    SETTINGS(true),
    /** The server refuses the settings (credentials, bucket, address, certificate). */
    SERVER_REFUSES_SETUP(true),
    /** The server or the way to it failed; trying again may help. */
    SERVER(false),
    /** The journal can't be opened here (another app holds it, or it is not writable). */
    JOURNAL_NOT_OPENED(true),
    /** Reading or writing the journal failed. */
    JOURNAL(false),
    /** A file on this computer could not be read or written. */
    FILES(false),
    /** The run was interrupted. */
    STOPPED(false),
    /** A fault inside the app: its details belong in the log. */
    INSIDE(false);

    private final boolean setup;

    Cause(boolean setup) {
      this.setup = setup;
    }

    /** Only a change of setup fixes it, not trying again. */
    public boolean setup() {
      return setup;
    }
  }

  /** Server answers that settings fix, not waiting: the setup is wrong, even if retried. */
  private static final Set<UploadException.Reason> SETUP_REASONS =
      EnumSet.of(
          UploadException.Reason.CREDENTIALS_REFUSED,
          UploadException.Reason.ACCESS_DENIED,
          UploadException.Reason.NO_SUCH_BUCKET,
          UploadException.Reason.UNKNOWN_HOST,
          UploadException.Reason.TLS,
          UploadException.Reason.NOT_THIS_KIND_OF_SERVER);

  /** Whether the server, or the way to it, is what failed. */
  public boolean fromServer() {
    return cause == Cause.SERVER || cause == Cause.SERVER_REFUSES_SETUP;
  }

  /** What {@code e}, thrown by a use case, means for the volunteer. */
  public static Failure of(Throwable e) {
    if (e instanceof UploadException u) {
      // a fatal error before anything was sent is the settings' (a bad address, CA file, bucket)
      boolean setup = SETUP_REASONS.contains(u.reason()) || u.kind() == UploadException.Kind.FATAL;
      return new Failure(setup ? Cause.SERVER_REFUSES_SETUP : Cause.SERVER, u.describe());
    }
    String message = String.valueOf(e.getMessage());
    if (e instanceof InvalidSettingException) return new Failure(Cause.SETTINGS, message);
    if (e instanceof JournalNotOpenedException)
      return new Failure(Cause.JOURNAL_NOT_OPENED, message);
    if (e instanceof JournalException) return new Failure(Cause.JOURNAL, message);
    if (e instanceof IOException) return new Failure(Cause.FILES, message);
    if (e instanceof InterruptedException) return new Failure(Cause.STOPPED, "stopped.");
    return new Failure(
        Cause.INSIDE, "something went wrong inside the app (" + e + "). Details are in the log.");
  }
}
