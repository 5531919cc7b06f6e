package org.sermonuploader.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;

/**
 * The jobs the engine holds, in the order they came, and the newest job of each file. Its lock also
 * guards the steps of {@link FileIntake} and {@link FileReturns} that look at a job and change it
 * or the list together, so a file is never queued twice and a waiting job is brought back once.
 */
final class JobList {
  private final Map<Long, UploadJob> byId = new LinkedHashMap<>();

  /** The newest job of each file: adding a file asks this, not the whole list or the journal. */
  private final Map<Path, UploadJob> byPath = new HashMap<>();

  synchronized void track(UploadJob job) {
    byId.put(job.id, job);
    byPath.put(job.path, job);
  }

  synchronized void remove(UploadJob job) {
    byId.remove(job.id);
    byPath.remove(job.path, job);
  }

  /** The job's file is now at {@code path}. */
  synchronized void moved(UploadJob job, Path path) {
    byPath.remove(job.path, job);
    job.path = path;
    byPath.put(path, job);
  }

  synchronized @Nullable UploadJob find(long id) {
    return byId.get(id);
  }

  synchronized boolean holds(long id) {
    return byId.containsKey(id);
  }

  synchronized @Nullable UploadJob newestOf(Path path) {
    return byPath.get(path);
  }

  synchronized List<JobSnapshot> snapshots() {
    List<JobSnapshot> out = new ArrayList<>();
    for (UploadJob j : byId.values()) out.add(j.snapshot());
    return out;
  }

  synchronized Optional<JobSnapshot> snapshot(long id) {
    UploadJob j = byId.get(id);
    return j == null ? Optional.empty() : Optional.of(j.snapshot());
  }

  synchronized boolean keyHeldByAnotherJob(UploadJob job, String key) {
    return byId.values().stream()
        .anyMatch(j -> j != job && key.equals(j.key) && !j.state.finished());
  }

  synchronized List<UploadJob> waitingForFile() {
    return byId.values().stream().filter(j -> j.state == JobState.WAITING_FOR_FILE).toList();
  }

  /** The jobs waiting for a USB stick that was pulled (nothing else holds them up). */
  synchronized List<JobSnapshot> waitingForSticks() {
    return byId.values().stream().filter(JobList::waitsForStick).map(UploadJob::snapshot).toList();
  }

  /** Whether some job is queued or running, not finished, paused or waiting for its stick. */
  synchronized boolean busy() {
    return byId.values().stream().anyMatch(j -> !atRest(j));
  }

  /** Wakes every job from its waits, so their runs see the engine closing. */
  synchronized void wakeAll() {
    byId.values().forEach(RunControl::wake);
  }

  /**
   * Whether the job is waiting for its USB stick with no runner on it: only the stick coming back
   * moves it on.
   */
  private static boolean waitsForStick(UploadJob j) {
    return j.state == JobState.WAITING_FOR_FILE && !j.running;
  }

  private static boolean atRest(UploadJob j) {
    return j.state.finished() || j.state == JobState.PAUSED || waitsForStick(j);
  }
}
