package org.sermonuploader.ui.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.model.EngineEvent;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.UploadListener;

/**
 * Collects engine events from engine threads and hands them over in batches: only the latest
 * snapshot per job survives between two drains, so a row changes at most as often as the FX side
 * drains (10 times a second), however chatty the engine is.
 */
public final class SnapshotCoalescer implements UploadListener {
  /** What happened since the last drain. Seeds apply only to rows that do not exist yet. */
  public record Batch(List<JobSnapshot> seeds, List<JobSnapshot> changed, List<Long> removed) {
    public boolean isEmpty() {
      return seeds.isEmpty() && changed.isEmpty() && removed.isEmpty();
    }
  }

  private final Map<Long, JobSnapshot> latest = new ConcurrentHashMap<>();
  private final Map<Long, JobSnapshot> seeds = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Long> removed = new ConcurrentLinkedQueue<>();
  private final AtomicReference<@Nullable EngineEvent> engineEvent = new AtomicReference<>();

  @Override
  public void engineEvent(EngineEvent event) {
    engineEvent.set(event);
  }

  /** The engine-wide event since the last call, if any (only the latest one is worth showing). */
  public @Nullable EngineEvent takeEngineEvent() {
    return engineEvent.getAndSet(null);
  }

  @Override
  public void jobChanged(JobSnapshot snapshot) {
    latest.put(snapshot.id(), snapshot);
  }

  @Override
  public void jobRemoved(long jobId) {
    latest.remove(jobId);
    removed.add(jobId);
  }

  /**
   * The engine's list as it was after start. An event may already have been drained for a job, so a
   * seed never replaces a row: it only fills in jobs that sent no event (finished, paused).
   */
  public void seed(List<JobSnapshot> jobs) {
    for (JobSnapshot s : jobs) seeds.put(s.id(), s);
  }

  public Batch drain() {
    List<JobSnapshot> seeded = take(seeds);
    List<JobSnapshot> changed = take(latest);
    List<Long> gone = new ArrayList<>();
    Long id;
    while ((id = removed.poll()) != null) gone.add(id);
    return new Batch(seeded, changed, gone);
  }

  private static List<JobSnapshot> take(Map<Long, JobSnapshot> map) {
    List<JobSnapshot> out = new ArrayList<>();
    for (Long id : new ArrayList<>(map.keySet())) {
      JobSnapshot s = map.remove(id);
      if (s != null) out.add(s);
    }
    out.sort((a, b) -> Long.compare(a.id(), b.id()));
    return out;
  }
}
