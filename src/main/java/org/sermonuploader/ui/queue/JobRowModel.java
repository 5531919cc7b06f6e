package org.sermonuploader.ui.queue;

import java.nio.file.Path;
import java.time.Duration;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.config.Units;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.SermonDetails;

/**
 * One queue row as the view shows it. Updated from snapshots on the FX thread (or a test's thread).
 */
public final class JobRowModel {
  private final long id;
  private final ReadOnlyObjectWrapper<JobSnapshot> snapshot = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper();
  private final ReadOnlyStringWrapper meta = new ReadOnlyStringWrapper();
  private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
  private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper();
  private final ReadOnlyStringWrapper stateText = new ReadOnlyStringWrapper();
  private final ReadOnlyObjectWrapper<JobState> state = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper detailsText = new ReadOnlyStringWrapper();
  private final ReadOnlyBooleanWrapper canPause = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper canResume = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper canCancel = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper canRetry = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper canRemove = new ReadOnlyBooleanWrapper();
  private @Nullable Duration duration;
  private boolean durationAsked;

  public JobRowModel(JobSnapshot first) {
    this.id = first.id();
    update(first);
  }

  public void update(JobSnapshot s) {
    snapshot.set(s);
    name.set(s.fileName());
    meta.set(metaText(s.size()));
    JobState st = s.state();
    state.set(st);
    progress.set(s.fraction());
    progressText.set(JobText.progress(s));
    stateText.set(JobText.state(s));
    detailsText.set(detailsText(s.details(), s.key()));
    canPause.set(canPause(st));
    canResume.set(st == JobState.PAUSED);
    canCancel.set(!st.finished() && st != JobState.CANCELLING);
    canRetry.set(st == JobState.FAILED || st == JobState.CANCELLED);
    canRemove.set(st.finished());
  }

  /** Whether a job in this state can be paused: it runs or waits to run. */
  static boolean canPause(JobState st) {
    return st == JobState.QUEUED
        || st == JobState.UPLOADING
        || st == JobState.VERIFYING
        || st == JobState.WAITING_FOR_SERVER
        || st == JobState.PAUSED_LOW_MEMORY
        || st == JobState.WAITING_FOR_FILE;
  }

  /** True the first time only: the recording's length is read once, when the row is first shown. */
  boolean askDuration() {
    if (durationAsked) return false;
    durationAsked = true;
    return true;
  }

  /** The recording's length once it has been read (off the FX thread). */
  public void setDuration(Duration d) {
    this.duration = d;
    JobSnapshot s = snapshot.get();
    meta.set(metaText(s.size()));
  }

  private String metaText(long size) {
    return duration == null
        ? Units.size(size)
        : Units.size(size) + " · " + Units.clock(duration.toSeconds());
  }

  private static String detailsText(@Nullable SermonDetails d, @Nullable String key) {
    StringBuilder sb = new StringBuilder();
    if (d != null) {
      append(sb, d.title());
      append(sb, d.speaker());
      append(sb, d.series());
      if (d.date() != null) append(sb, d.date().toString());
    }
    if (key != null) append(sb, "→ " + key);
    return sb.toString();
  }

  private static void append(StringBuilder sb, @Nullable String part) {
    if (part == null || part.isBlank()) return;
    if (sb.length() > 0) sb.append(" · ");
    sb.append(part.strip());
  }

  public long id() {
    return id;
  }

  /** Where the recording is now: a stick that came back under another name moves it. */
  public Path path() {
    return snapshot.get().path();
  }

  public JobSnapshot snapshot() {
    return snapshot.get();
  }

  public ReadOnlyObjectProperty<JobSnapshot> snapshotProperty() {
    return snapshot.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty nameProperty() {
    return name.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty metaProperty() {
    return meta.getReadOnlyProperty();
  }

  public ReadOnlyDoubleProperty progressProperty() {
    return progress.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty progressTextProperty() {
    return progressText.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty stateTextProperty() {
    return stateText.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<JobState> stateProperty() {
    return state.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty detailsTextProperty() {
    return detailsText.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty canPauseProperty() {
    return canPause.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty canResumeProperty() {
    return canResume.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty canCancelProperty() {
    return canCancel.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty canRetryProperty() {
    return canRetry.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty canRemoveProperty() {
    return canRemove.getReadOnlyProperty();
  }
}
