package org.sermonuploader.ui.queue;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.Observable;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.app.UploadLimit;
import org.sermonuploader.app.UploadQueue;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.SermonDetails;
import org.sermonuploader.ui.Background;
import org.sermonuploader.ui.BandwidthText;

/**
 * The queue as the window shows it: one row per job, a summary, and the actions on rows. Batches
 * are applied on the FX thread; actions go to the upload queue on a background thread.
 *
 * <p>An archive of thousands of recordings must cost the FX thread the same per event as five
 * files: the summary comes from running totals changed per row, never from a walk over all rows,
 * and only the last {@link #KEEP_DONE} uploaded or cancelled rows are kept (the history has them
 * all; the "N done" line counts them).
 */
public final class QueueViewModel {
  /** Uploaded and cancelled rows kept to unfold; older ones are only counted. */
  static final int KEEP_DONE = 100;

  private final Supplier<UploadQueue> queue;
  private final Background background;
  // the volunteer's actions reach the engine in the order they were made
  private final Background actions;
  private final Executor ui;
  // an extractor, so a row whose state changes is folded and sorted again
  private final ObservableList<JobRowModel> rows =
      FXCollections.observableArrayList(r -> new Observable[] {r.stateProperty()});
  private final Map<Long, JobRowModel> byId = new HashMap<>();
  // every job that is through and needs nothing more, kept as a row or not
  private final Set<Long> doneIds = new HashSet<>();
  private final Set<Long> uploadedIds = new HashSet<>();
  private final Deque<JobRowModel> keptDone = new ArrayDeque<>();
  // the rows one batch adds and takes away, applied to the list at its end
  private final Set<JobRowModel> arriving = new LinkedHashSet<>();
  private final Set<JobRowModel> leaving = new HashSet<>();
  private final QueueTotals totals = new QueueTotals();
  private final ReadOnlyIntegerWrapper doneCount = new ReadOnlyIntegerWrapper();
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("Nothing to upload yet.");
  private final ReadOnlyBooleanWrapper anyPausable = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper anyResumable = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper anyFailed = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper anyWaitingForServer = new ReadOnlyBooleanWrapper();
  private Consumer<JobSnapshot> onFinished = s -> {};

  public QueueViewModel(Supplier<UploadQueue> queue, Background background, Executor ui) {
    this.queue = queue;
    this.background = background;
    this.actions = Background.inOrder(background);
    this.ui = ui;
  }

  /**
   * Told once per job when it reaches done, already uploaded, failed or cancelled while watched.
   */
  public void setOnFinished(Consumer<JobSnapshot> onFinished) {
    this.onFinished = onFinished;
  }

  /** The rows kept: every unfinished or failed job and the latest uploaded or cancelled ones. */
  public ObservableList<JobRowModel> rows() {
    return rows;
  }

  public @Nullable JobRowModel row(long id) {
    return byId.get(id);
  }

  /**
   * Takes one drain's worth of news. Rows come and go in one change of the list each per batch, not
   * one per job: a list change costs the list view, its filter and its sort a pass of their own.
   */
  public void apply(SnapshotCoalescer.Batch batch) {
    if (batch.isEmpty()) return;
    for (JobSnapshot s : batch.seeds()) {
      if (!byId.containsKey(s.id())) addRow(s);
    }
    for (JobSnapshot s : batch.changed()) {
      JobRowModel row = byId.get(s.id());
      if (row == null) {
        // added and through between two drains (a small file): finished while watched all the same
        if (addRow(s) && s.state().finished()) onFinished.accept(s);
        continue;
      }
      JobSnapshot before = row.snapshot();
      totals.remove(before);
      row.update(s);
      totals.add(s);
      folded(row);
      if (!before.state().finished() && s.state().finished()) onFinished.accept(s);
    }
    for (Long id : batch.removed()) {
      JobRowModel row = byId.remove(id);
      if (doneIds.remove(id)) doneCount.set(doneIds.size());
      uploadedIds.remove(id);
      if (row != null) {
        totals.remove(row.snapshot());
        keptDone.remove(row);
        leaving(row);
      }
    }
    if (!leaving.isEmpty()) {
      rows.removeAll(leaving);
      leaving.clear();
    }
    if (!arriving.isEmpty()) {
      rows.addAll(arriving);
      arriving.clear();
    }
    refreshSummary();
  }

  /** Forgets every row (the engine is being replaced). */
  public void clear() {
    byId.clear();
    rows.clear();
    doneIds.clear();
    uploadedIds.clear();
    keptDone.clear();
    totals.clear();
    doneCount.set(0);
    refreshSummary();
  }

  /** Whether a row was made: not for a late word about a row that has already left the list. */
  private boolean addRow(JobSnapshot s) {
    // the history has it
    if (foldable(s.state()) && doneIds.contains(s.id())) return false;
    JobRowModel row = new JobRowModel(s);
    byId.put(s.id(), row);
    arriving.add(row);
    totals.add(s);
    folded(row);
    return true;
  }

  /** A row leaves the list at the end of the batch (or never enters it, if it came in this one). */
  private void leaving(JobRowModel row) {
    if (!arriving.remove(row)) leaving.add(row);
  }

  /**
   * Counts a row that is through; past {@link #KEEP_DONE} of them the oldest leaves the list (the
   * history has it).
   */
  private void folded(JobRowModel row) {
    JobState st = row.snapshot().state();
    if (st.succeeded()) uploadedIds.add(row.id());
    else uploadedIds.remove(row.id());
    if (!foldable(st)) {
      if (doneIds.remove(row.id())) {
        keptDone.remove(row);
        doneCount.set(doneIds.size());
      }
      return;
    }
    if (!doneIds.add(row.id())) return;
    doneCount.set(doneIds.size());
    keptDone.addLast(row);
    if (keptDone.size() > KEEP_DONE) {
      JobRowModel old = keptDone.removeFirst();
      byId.remove(old.id());
      totals.remove(old.snapshot());
      leaving(old);
    }
  }

  /** Uploaded, or cancelled by the user: nothing more to do. */
  static boolean foldable(JobState st) {
    return st.succeeded() || st == JobState.CANCELLED;
  }

  /**
   * The length of a row's recording, read from the file's header off the FX thread; asked for by
   * the list when the row is first shown, so a long queue reads only what is seen.
   */
  void readDuration(JobRowModel row) {
    if (!row.askDuration()) return;
    Path path = row.path();
    background.run(
        () -> UploadQueue.length(path).ifPresent(d -> ui.execute(() -> row.setDuration(d))));
  }

  private void refreshSummary() {
    int left = totals.left();
    int failed = totals.failed();
    anyPausable.set(totals.pausable() > 0);
    anyResumable.set(totals.resumable() > 0);
    anyFailed.set(failed > 0);
    anyWaitingForServer.set(totals.waitingForServer() > 0);
    // a failure must never hide behind "finished": it is named first
    String failures = failed == 0 ? "" : failed + " failed – see below";
    if (rows.isEmpty() && doneIds.isEmpty()) {
      summary.set("Nothing to upload yet.");
    } else if (left == 0) {
      summary.set(failed == 0 ? "All files finished." : failures);
    } else {
      long bytesLeft = totals.bytesLeft();
      double rate = totals.rate();
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

  /** Whether every job in the list is through (uploaded, failed or cancelled). */
  public boolean allFinished() {
    return totals.left() == 0;
  }

  /** Jobs on the server, kept as a row or not. */
  public int uploadedCount() {
    return uploadedIds.size();
  }

  /** Uploaded or cancelled jobs, folded into the "N done" line. */
  public ReadOnlyIntegerProperty doneCountProperty() {
    return doneCount.getReadOnlyProperty();
  }

  /** Jobs neither finished nor paused by hand: what closing the window interrupts. */
  public int running() {
    return totals.left() - totals.resumable();
  }

  /** Shows a limit changed by hand at once, without waiting for the next batch. */
  public void limitChanged() {
    refreshSummary();
  }

  /** " · limited to 524 kB/s until 13:00" while the bandwidth limit holds uploads back. */
  private String cap() {
    UploadQueue q = queue.get();
    if (q == null) return "";
    UploadLimit limit = q.limit();
    String cap = BandwidthText.cap(limit.inForce(), limit.now());
    return cap.isEmpty() ? "" : " · " + cap;
  }

  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty anyPausableProperty() {
    return anyPausable.getReadOnlyProperty();
  }

  /** Whether a row is waiting for the server to answer again. */
  public ReadOnlyBooleanProperty anyWaitingForServerProperty() {
    return anyWaitingForServer.getReadOnlyProperty();
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
    withQueue(e -> e.pause(id));
  }

  public void resume(long id) {
    withQueue(e -> e.resume(id));
  }

  /** Stops the upload and aborts it on the server; the caller asks the user first. */
  public void cancel(long id) {
    withQueue(e -> e.cancel(id));
  }

  public void retry(long id) {
    withQueue(e -> e.retry(id));
  }

  public void remove(long id) {
    withQueue(e -> e.remove(List.of(id)));
  }

  /** Takes uploaded and cancelled rows off the list; failed ones stay until someone looks. */
  public void clearFinished() {
    List<Long> ids = new ArrayList<>(doneIds);
    withQueue(e -> e.remove(ids));
  }

  public void pauseAll() {
    withQueue(UploadQueue::pauseAll);
  }

  public void resumeAll() {
    withQueue(UploadQueue::resumeAll);
  }

  public void setDetails(long id, SermonDetails details) {
    withQueue(e -> e.setDetails(id, details));
  }

  private void withQueue(Consumer<UploadQueue> action) {
    actions.run(
        () -> {
          UploadQueue q = queue.get();
          if (q != null) action.accept(q);
        });
  }
}
