package org.sermonuploader.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.config.InvalidSettingException;
import org.sermonuploader.config.Settings;
import org.sermonuploader.engine.JournalException;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.journal.Journal;
import org.sermonuploader.model.JobRecord;
import org.sermonuploader.model.JobState;

/**
 * Cancel, the use case: gives up on an upload that is not finished, or that failed. It leaves the
 * list, and its unfinished upload leaves the server, unless a running app works on this data
 * folder.
 */
public final class CancelUpload {
  /** How a cancel ended. */
  public enum Ending {
    CANCELLED,
    /** No upload still to do or failed has that ID or file name. */
    NO_MATCH,
    /** Several uploads have that file name: one must be named by its ID. */
    SEVERAL,
    /** A running app (the window, an upload elsewhere) uses the data folder: nothing changed. */
    IN_USE,
    /** The upload left the list while the running app let go of the folder. */
    GONE,
    /** The server did not remove the unfinished upload: nothing changed. */
    SERVER_REFUSED,
    /** The settings do not reach a server: nothing changed. */
    SETTINGS
  }

  /**
   * How it ended; {@code matches} the uploads the name matched; {@code problem} the words of a
   * server or settings problem, else empty.
   */
  public record Outcome(Ending ending, List<JobRecord> matches, String problem) {
    public Outcome {
      matches = List.copyOf(matches);
    }

    /** The upload cancelled, or the one the server refused to let go of. */
    public @Nullable JobRecord job() {
      return matches.size() == 1 ? matches.get(0) : null;
    }
  }

  private CancelUpload() {}

  /** Cancels the upload whose ID or file name is {@code which}. */
  @SuppressWarnings("try") // the lock is held for the whole block and released by its close
  public static Outcome run(Settings settings, Path dataDir, String which)
      throws JournalException, IOException {
    try (Journal journal = Journal.open(dataDir)) {
      List<JobRecord> matches = matches(journal.jobs(), which);
      if (matches.isEmpty()) return new Outcome(Ending.NO_MATCH, matches, "");
      if (matches.size() > 1) return new Outcome(Ending.SEVERAL, matches, "");
      Optional<DataFolderLock> alone = DataFolderLock.exclusive(dataDir);
      if (alone.isEmpty()) return new Outcome(Ending.IN_USE, matches, "");
      try (DataFolderLock held = alone.get()) {
        // read again under the lock: the running app may have moved on before it let go
        Optional<JobRecord> job =
            journal.jobs().stream().filter(r -> r.id() == matches.get(0).id()).findFirst();
        if (job.isEmpty()) return new Outcome(Ending.GONE, List.of(), "");
        return cancel(journal, job.get(), settings, dataDir);
      }
    }
  }

  /**
   * Only jobs still to do or failed (those may hold an unfinished upload on the server): a typo
   * can't remove the line of a recording that was uploaded.
   */
  private static List<JobRecord> matches(List<JobRecord> jobs, String which) {
    List<JobRecord> out = new ArrayList<>();
    for (JobRecord r : jobs) {
      if (r.state().succeeded() || r.state() == JobState.CANCELLED) continue;
      if (Long.toString(r.id()).equals(which) || r.path().getFileName().toString().equals(which))
        out.add(r);
    }
    return out;
  }

  private static Outcome cancel(Journal journal, JobRecord job, Settings settings, Path dataDir)
      throws JournalException {
    String key = job.key();
    String uploadId = job.uploadId();
    if (uploadId != null && key != null) {
      try {
        Destinations.Destination d = Destinations.open(settings, dataDir, new ArrayList<>());
        try {
          d.transfer().abort(key, uploadId);
        } finally {
          d.transfer().close();
          if (d.store() != null) d.store().close();
        }
      } catch (UploadException e) {
        return new Outcome(Ending.SERVER_REFUSED, List.of(job), e.describe());
      } catch (InvalidSettingException | IOException e) {
        return new Outcome(Ending.SETTINGS, List.of(job), String.valueOf(e.getMessage()));
      }
    }
    journal.remove(job.id());
    return new Outcome(Ending.CANCELLED, List.of(job), "");
  }
}
