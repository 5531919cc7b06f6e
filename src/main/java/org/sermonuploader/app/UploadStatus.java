package org.sermonuploader.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.engine.JournalException;
import org.sermonuploader.journal.Journal;
import org.sermonuploader.model.JobRecord;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.PartRecord;

/** Status, the use case: every upload in the journal, its state and how far it got. */
public final class UploadStatus {
  /**
   * One upload: its record, the bytes the server holds of it, and whether it was left uploading by
   * a process that is no longer running (a crash, a power cut: nothing is uploading it now).
   */
  public record Row(JobRecord job, long bytesDone, boolean interrupted) {}

  /**
   * The journal's uploads; its recovery notice, if it was repaired on opening; whether this
   * computer ever wrote to the server (without a key, nothing there can be its leftover).
   */
  public record Report(@Nullable String recoveryNotice, List<Row> rows, boolean wroteToServer) {
    public Report {
      rows = List.copyOf(rows);
    }
  }

  private UploadStatus() {}

  /** Reads the journal in {@code dataDir}; nothing is sent. */
  public static Report read(Path dataDir) throws JournalException {
    try (Journal journal = Journal.open(dataDir)) {
      List<Row> rows = new ArrayList<>();
      List<JobRecord> jobs = journal.jobs();
      for (JobRecord r : jobs) {
        long done = r.state().succeeded() ? r.size() : 0;
        if (!r.state().finished()) {
          for (PartRecord p : journal.parts(r.id()).values()) done += p.size();
        }
        boolean interrupted = r.state() == JobState.UPLOADING && !journal.claimed(r.id());
        rows.add(new Row(r, done, interrupted));
      }
      boolean wrote =
          jobs.stream().anyMatch(r -> r.key() != null)
              || journal.history().stream().anyMatch(h -> h.key() != null);
      return new Report(journal.recoveryNotice(), rows, wrote);
    }
  }
}
