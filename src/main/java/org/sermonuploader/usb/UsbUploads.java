package org.sermonuploader.usb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.sermonuploader.concurrent.Threads;
import org.sermonuploader.engine.JournalException;
import org.sermonuploader.engine.UploadEngine;
import org.sermonuploader.model.HistoryEntry;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.OfferedRecording;
import org.sermonuploader.model.Recording;
import org.sermonuploader.model.Stick;
import org.sermonuploader.model.StickOffer;
import org.sermonuploader.model.StickOfferListener;
import org.sermonuploader.model.UploadListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Between the stick watcher, the engine and the USB dialog. For each inserted stick it sorts the
 * recordings into new, uploaded before, in the queue (see {@link OfferedRecording.Status}), queues
 * the new ones of a known stick by itself when USB_AUTO_QUEUE is on, and offers the rest to the
 * dialog. When a job waits for its file because the stick was pulled, and the stick comes back
 * under another mount name, it points the job at the file's new place.
 *
 * <p>"New recordings" (for the automatic queue) are files that are on the stick now but were not
 * there, with the same relative path, size and time, when recordings were last taken from it; that
 * no finished upload in the history matches by file name and size; and that are not in the upload
 * list already.
 *
 * <p>All work runs on one daemon thread ("usb-uploads"), never on the caller's.
 */
public final class UsbUploads implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UsbUploads.class);

  private final UploadEngine engine;
  private final RemovableMediaWatcher watcher;
  private final KnownSticks known;
  private final boolean autoQueue;
  private final ExecutorService worker;
  private final List<StickOfferListener> listeners = new CopyOnWriteArrayList<>();
  private final Map<Path, StickInserted> listings = new ConcurrentHashMap<>();
  private final AtomicBoolean relocatePending = new AtomicBoolean();

  private final StickListener stickListener =
      new StickListener() {
        @Override
        public void stickInserted(StickInserted event) {
          submit(() -> inserted(event));
        }

        @Override
        public void stickRemoved(StickRemoved event) {
          submit(() -> removed(event));
        }
      };

  private final UploadListener jobListener =
      snapshot -> {
        if (snapshot.state() == JobState.WAITING_FOR_FILE
            && relocatePending.compareAndSet(false, true)) {
          submit(
              () -> {
                relocatePending.set(false);
                relocateWaitingJobs();
              });
        }
      };

  public UsbUploads(
      UploadEngine engine, RemovableMediaWatcher watcher, KnownSticks known, boolean autoQueue) {
    this.engine = engine;
    this.watcher = watcher;
    this.known = known;
    this.autoQueue = autoQueue;
    this.worker = Executors.newSingleThreadExecutor(Threads.daemon("usb-uploads"));
    watcher.addListener(stickListener);
    engine.addListener(jobListener);
  }

  public void addListener(StickOfferListener listener) {
    listeners.add(listener);
  }

  public void removeListener(StickOfferListener listener) {
    listeners.remove(listener);
  }

  public boolean autoQueue() {
    return autoQueue;
  }

  /**
   * The dialog's "Upload": queues the chosen recordings (in the order given) and remembers the
   * stick as known, with everything it holds now. Safe to call from the UI thread; the work runs on
   * the USB thread and the future completes with the jobs (one per recording).
   */
  public CompletableFuture<List<JobSnapshot>> upload(Stick stick, List<Recording> chosen) {
    CompletableFuture<List<JobSnapshot>> result = new CompletableFuture<>();
    submit(
        () -> {
          try {
            List<JobSnapshot> jobs = new ArrayList<>();
            for (Recording r : chosen) jobs.add(engine.add(r.path(), null).job());
            StickInserted listing = listings.get(stick.mountPath());
            remember(stick, listing != null ? listing.recordings() : chosen);
            result.complete(jobs);
          } catch (JournalException | RuntimeException e) {
            log.error("Could not queue the recordings from {}", stick.mountPath(), e);
            result.completeExceptionally(e);
          }
        });
    return result;
  }

  private void submit(Runnable work) {
    try {
      worker.execute(
          () -> {
            try {
              work.run();
            } catch (RuntimeException e) {
              log.error("USB work failed", e);
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closing: nothing more to do
    }
  }

  private void inserted(StickInserted event) {
    listings.put(event.stick().mountPath(), event);
    relocateWaitingJobs();
    Stick stick = event.stick();
    boolean isKnown = known.isKnown(stick.id());
    List<OfferedRecording> offered;
    try {
      offered =
          classify(
              event.recordings(),
              known.seen(stick.id()),
              uploadedBefore(engine.history()),
              inList(engine.jobs()));
    } catch (JournalException e) {
      log.error("Could not read the upload history", e);
      offered =
          classify(event.recordings(), known.seen(stick.id()), Set.of(), inList(engine.jobs()));
    }
    if (autoQueue && isKnown) offered = queueNew(stick, event.recordings(), offered);
    StickOffer offer = new StickOffer(stick, isKnown, offered);
    for (StickOfferListener l : listeners) {
      try {
        l.stickOffered(offer);
      } catch (RuntimeException e) {
        log.warn("A USB dialog listener failed", e);
      }
    }
  }

  private List<OfferedRecording> queueNew(
      Stick stick, List<Recording> all, List<OfferedRecording> offered) {
    List<OfferedRecording> out = new ArrayList<>();
    int queued = 0;
    for (OfferedRecording o : offered) {
      if (o.status() != OfferedRecording.Status.NEW) {
        out.add(o);
        continue;
      }
      try {
        engine.add(o.recording().path(), null);
        out.add(new OfferedRecording(o.recording(), OfferedRecording.Status.QUEUED_AUTOMATICALLY));
        queued++;
      } catch (JournalException e) {
        log.error("Could not queue {}", o.recording().path(), e);
        out.add(o);
      }
    }
    log.info("Known USB stick {}: {} new recording(s) queued automatically", stick.label(), queued);
    remember(stick, all);
    return out;
  }

  private void remember(Stick stick, List<Recording> listing) {
    try {
      known.remember(stick, listing);
    } catch (IOException e) {
      log.warn("Could not save the known USB sticks: {}", e.toString());
    }
  }

  private void removed(StickRemoved event) {
    listings.remove(event.stick().mountPath());
    for (StickOfferListener l : listeners) {
      try {
        l.stickRemoved(event.stick());
      } catch (RuntimeException e) {
        log.warn("A USB dialog listener failed", e);
      }
    }
  }

  /** Sorts recordings by status; pure, for the rules to be plain to see and to test. */
  static List<OfferedRecording> classify(
      List<Recording> recordings,
      Set<KnownSticks.SeenFile> seen,
      Set<String> uploaded,
      Set<Path> inList) {
    List<OfferedRecording> out = new ArrayList<>();
    for (Recording r : recordings) {
      OfferedRecording.Status s;
      if (inList.contains(r.path())) s = OfferedRecording.Status.IN_QUEUE;
      else if (uploaded.contains(nameAndSize(r.name(), r.size())))
        s = OfferedRecording.Status.UPLOADED_BEFORE;
      else if (seen.contains(KnownSticks.SeenFile.of(r)))
        s = OfferedRecording.Status.LEFT_OUT_BEFORE;
      else s = OfferedRecording.Status.NEW;
      out.add(new OfferedRecording(r, s));
    }
    return out;
  }

  static Set<String> uploadedBefore(List<HistoryEntry> history) {
    Set<String> out = new HashSet<>();
    for (HistoryEntry h : history) out.add(nameAndSize(h.fileName(), h.size()));
    return out;
  }

  private static Set<Path> inList(List<JobSnapshot> jobs) {
    Set<Path> out = new HashSet<>();
    for (JobSnapshot j : jobs) if (!j.state().finished()) out.add(j.path());
    return out;
  }

  private static String nameAndSize(String name, long size) {
    return name + "\u0000" + size;
  }

  /**
   * Points jobs waiting for a file on a stick at the same file on a stick mounted now: same path
   * below the mount point and same size (the engine checks the time and, when it continues, the
   * first part's hash). A stick that came back under its old name needs nothing: the engine finds
   * the file there by itself.
   */
  private void relocateWaitingJobs() {
    List<Stick> sticks = watcher.sticks();
    if (sticks.isEmpty()) return;
    for (JobSnapshot job : engine.jobs()) {
      if (job.state() != JobState.WAITING_FOR_FILE) continue;
      roots:
      for (Path root : watcher.mountRoots()) {
        Path p = job.path();
        int depth = root.getNameCount();
        if (!p.startsWith(root) || p.getNameCount() < depth + 2) continue;
        String mountName = p.getName(depth).toString();
        Path rel = p.subpath(depth + 1, p.getNameCount());
        List<Stick> order = new ArrayList<>(sticks);
        // the same mount name first (it may sit under another root), then the rest
        order.sort(
            Comparator.comparing(s -> !s.mountPath().getFileName().toString().equals(mountName)));
        for (Stick s : order) {
          Path candidate = s.mountPath().resolve(rel.toString());
          if (candidate.equals(p) || !Files.isRegularFile(candidate)) continue;
          try {
            if (Files.size(candidate) != job.size()) continue;
          } catch (IOException e) {
            continue;
          }
          if (engine.relocate(job.id(), candidate)) {
            log.info("{} continues from {}", job.fileName(), candidate);
            break roots;
          }
        }
      }
    }
  }

  @Override
  public void close() {
    watcher.removeListener(stickListener);
    engine.removeListener(jobListener);
    worker.shutdownNow();
    try {
      worker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
