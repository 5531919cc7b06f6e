package org.sermonuploader.ui.queue;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.sermonuploader.engine.JobSnapshot;
import org.sermonuploader.engine.JobState;
import org.sermonuploader.engine.JournalException;
import org.sermonuploader.engine.SermonDetails;
import org.sermonuploader.engine.UploadEngine;
import org.sermonuploader.media.MediaDuration;
import org.sermonuploader.ui.Background;
import org.sermonuploader.ui.BandwidthText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue as the window shows it: one row per job, a summary, and the actions on rows. Batches
 * are applied on the FX thread; actions go to the engine on a background thread.
 */
public final class QueueViewModel {
  private static final Logger log = LoggerFactory.getLogger(QueueViewModel.class);

  private final Supplier<UploadEngine> engine;
  private final Background background;
  private final Executor ui;
  private final ObservableList<JobRowModel> rows = FXCollections.observableArrayList();
  private final Map<Long, JobRowModel> byId = new HashMap<>();
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("Nothing to upload yet.");
  private final ReadOnlyBooleanWrapper anyPausable = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper anyResumable = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper anyFailed = new ReadOnlyBooleanWrapper();
  private Consumer<JobSnapshot> onFinished = s -> {};

  public QueueViewModel(Supplier<UploadEngine> engine, Background background, Executor ui) {
    this.engine = engine;
    this.background = background;
    this.ui = ui;
  }

  /**
   * Told once per job when it reaches done, already uploaded, failed or cancelled while watched.
   */
  public void setOnFinished(Consumer<JobSnapshot> onFinished) {
    this.onFinished = onFinished;
  }

  public ObservableList<JobRowModel> rows() {
    return rows;
  }

  public JobRowModel row(long id) {
    return byId.get(id);
  }

  public void apply(SnapshotCoalescer.Batch batch) {
    if (batch.isEmpty()) return;
    for (JobSnapshot s : batch.seeds()) {
      if (!byId.containsKey(s.id())) addRow(s);
    }
    for (JobSnapshot s : batch.changed()) {
      JobRowModel row = byId.get(s.id());
      if (row == null) {
        addRow(s);
        continue;
      }
      JobState before = row.snapshot().state();
      row.update(s);
      if (!before.finished() && s.state().finished()) onFinished.accept(s);
    }
    for (Long id : batch.removed()) {
      JobRowModel row = byId.remove(id);
      if (row != null) rows.remove(row);
    }
    refreshSummary();
  }

  /** Forgets every row (the engine is being replaced). */
  public void clear() {
    byId.clear();
    rows.clear();
    refreshSummary();
  }

  private void addRow(JobSnapshot s) {
    JobRowModel row = new JobRowModel(s);
    byId.put(s.id(), row);
    rows.add(row);
    // the length is read from the file's header, never on the FX thread
    background.run(
        () -> MediaDuration.of(s.path()).ifPresent(d -> ui.execute(() -> row.setDuration(d))));
  }

  private void refreshSummary() {
    int left = 0;
    int failed = 0;
    long bytesLeft = 0;
    double rate = 0;
    boolean pausable = false;
    boolean resumable = false;
    for (JobRowModel r : rows) {
      JobSnapshot s = r.snapshot();
      if (!s.state().finished()) {
        left++;
        bytesLeft += Math.max(0, s.size() - s.bytesDone());
        rate += s.bytesPerSecond();
      } else if (s.state() == JobState.FAILED) {
        failed++;
      }
      pausable |= r.canPauseProperty().get();
      resumable |= r.canResumeProperty().get();
    }
    anyPausable.set(pausable);
    anyResumable.set(resumable);
    anyFailed.set(failed > 0);
    // a failure must never hide behind "finished": it is named first
    String failures = failed == 0 ? "" : failed + " failed – see below";
    if (rows.isEmpty()) {
      summary.set("Nothing to upload yet.");
    } else if (left == 0) {
      summary.set(failed == 0 ? "All files finished." : failures);
    } else {
      String files = left == 1 ? "1 file left" : left + " files left";
      String time =
          bytesLeft == 0
              ? "finishing"
              : rate > 0
                  ? "about " + JobText.timeLeft((long) Math.ceil(bytesLeft / rate))
                  : "time left not known yet";
      summary.set(
          (failed == 0 ? files + " · " + time : failures + " · " + files + " · " + time) + cap());
    }
  }

  /** Shows a limit changed by hand at once, without waiting for the next batch. */
  public void limitChanged() {
    refreshSummary();
  }

  /** " · limited to 524 kB/s until 13:00" while the bandwidth limit holds uploads back. */
  private String cap() {
    UploadEngine e = engine.get();
    if (e == null) return "";
    String cap = BandwidthText.cap(e.bandwidth().inForce(), e.bandwidth().now());
    return cap.isEmpty() ? "" : " · " + cap;
  }

  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty anyPausableProperty() {
    return anyPausable.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty anyFailedProperty() {
    return anyFailed.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty anyResumableProperty() {
    return anyResumable.getReadOnlyProperty();
  }

  // ------------------------------------------------------------ actions (engine work off the FX
  // thread)

  public void pause(long id) {
    withEngine(e -> e.pause(id));
  }

  public void resume(long id) {
    withEngine(e -> e.resume(id));
  }

  /** Stops the upload and aborts it on the server; the caller asks the user first. */
  public void cancel(long id) {
    withEngine(e -> e.cancel(id));
  }

  public void retry(long id) {
    withEngine(e -> e.retry(id));
  }

  public void remove(long id) {
    withEngine(
        e -> {
          try {
            e.remove(id);
          } catch (JournalException ex) {
            log.error("Could not remove job {}", id, ex);
          }
        });
  }

  /** Takes uploaded and cancelled rows off the list; failed ones stay until someone looks. */
  public void clearFinished() {
    for (JobRowModel r : rows) {
      if (QueueView.foldable(r)) remove(r.id());
    }
  }

  public void pauseAll() {
    withEngine(UploadEngine::pauseAll);
  }

  public void resumeAll() {
    withEngine(UploadEngine::resumeAll);
  }

  public void setDetails(long id, SermonDetails details) {
    withEngine(
        e -> {
          try {
            e.setDetails(id, details);
          } catch (JournalException ex) {
            log.error("Could not save the details of job {}", id, ex);
          }
        });
  }

  private void withEngine(Consumer<UploadEngine> action) {
    background.run(
        () -> {
          UploadEngine e = engine.get();
          if (e != null) action.accept(e);
        });
  }
}
