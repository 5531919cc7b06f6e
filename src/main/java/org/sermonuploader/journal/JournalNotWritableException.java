package org.sermonuploader.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The journal is healthy but this user may not write it (a read-only file or folder, files left
 * owned by root after a run with sudo, a disk mounted read-only). The journal is left exactly as it
 * is; the message names the file and says how to give it back.
 */
public final class JournalNotWritableException extends JournalNotOpenedException {
  private static final long serialVersionUID = 1L;

  JournalNotWritableException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * The message for {@code blocked}, the first file or folder of the journal that can't be written.
   */
  static JournalNotWritableException of(Path dataDir, Path blocked, @Nullable Throwable cause) {
    String user = System.getProperty("user.name");
    String why;
    String fix;
    if (onReadOnlyDisk(dataDir)) {
      why = "the disk it is on is mounted read-only";
      fix =
          "Mount it writable, or point SERMON_UPLOADER_HOME at a folder that can be written"
              + " (the history stays in the old one).";
    } else {
      String owner = owner(blocked);
      why =
          owner != null && !owner.equals(user)
              ? blocked
                  + " belongs to "
                  + owner
                  + ", not to "
                  + user
                  + " (was the app run with sudo?)"
              : blocked + " is read-only";
      fix =
          "To give the folder back to your user, run:  sudo chown -R $USER '"
              + dataDir
              + "' && chmod -R u+rwX '"
              + dataDir
              + "'";
    }
    return new JournalNotWritableException(
        "The upload journal "
            + dataDir.resolve(Journal.FILE_NAME)
            + " can't be written: "
            + why
            + ". It was left as it is, with its history. "
            + fix,
        cause);
  }

  private static boolean onReadOnlyDisk(Path dir) {
    try {
      return Files.getFileStore(dir).isReadOnly();
    } catch (IOException e) {
      return false;
    }
  }

  private static @Nullable String owner(Path p) {
    try {
      return Files.getOwner(p).getName();
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }
}
