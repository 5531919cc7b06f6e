package org.sermonuploader.library;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.engine.EngineOptions;
import org.sermonuploader.engine.JournalException;
import org.sermonuploader.engine.ObjectKeys;
import org.sermonuploader.engine.RemoteObject;
import org.sermonuploader.engine.ReservedKeys;
import org.sermonuploader.engine.Transfer;
import org.sermonuploader.engine.UploadEngine;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.journal.Journal;
import org.sermonuploader.memory.PressureGate;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.SermonDetails;
import org.sermonuploader.model.UploadListener;

/**
 * Moves the recordings of the local store (a folder of plain files behind the embedded S3 server)
 * to the configured server. Each goes through the upload engine under the same name, so it is
 * journaled, resumable and never overwrites; the local copy is deleted only after the copy on the
 * server was read back and its SHA-256 matched. A run stopped at any point is simply run again: an
 * unfinished upload continues, a finished one is found on the server as "already uploaded".
 */
public final class Migration {
  private static final String MARKERS = ReservedKeys.PREFIX + "sha256/";

  /** A recording now only on the server, sent there by the job {@code jobId}. */
  public record Moved(String localKey, String serverKey, long size, long jobId) {}

  /** A recording still (also) on this computer, and why. */
  public record NotMoved(String localKey, String reason) {}

  public record Report(List<Moved> moved, List<NotMoved> notMoved) {}

  /** Told about each recording once it is moved or not, and while its copy is read back. */
  public interface Listener {
    void checking(String serverKey, long done, long size);

    void moved(Moved m);

    void notMoved(NotMoved n);
  }

  private final Transfer local;
  private final Path bucketFolder;
  private final EngineOptions options;
  private final Journal journal;
  private final Transfer server;
  private final PressureGate gate;

  /**
   * @param local the embedded store's transfer
   * @param bucketFolder the folder holding its bucket's objects as files
   */
  public Migration(
      Transfer local,
      Path bucketFolder,
      EngineOptions options,
      Journal journal,
      Transfer server,
      PressureGate gate) {
    this.local = local;
    this.bucketFolder = bucketFolder;
    this.options = options;
    this.journal = journal;
    this.server = server;
    this.gate = gate;
  }

  /** The recordings waiting in the local store. */
  public List<RemoteObject> waiting() throws UploadException {
    return local.list("");
  }

  public Report run(UploadListener uploads, Listener listener)
      throws UploadException, JournalException, InterruptedException {
    // a key's folder becomes the engine's prefix and its file name the template: same name there
    Map<String, List<RemoteObject>> byFolder = new TreeMap<>();
    for (RemoteObject o : waiting()) {
      int slash = o.key().lastIndexOf('/');
      byFolder
          .computeIfAbsent(slash < 0 ? "" : o.key().substring(0, slash + 1), f -> new ArrayList<>())
          .add(o);
    }
    List<Moved> moved = new ArrayList<>();
    List<NotMoved> notMoved = new ArrayList<>();
    for (Map.Entry<String, List<RemoteObject>> group : byFolder.entrySet()) {
      Map<Path, RemoteObject> byFile = new HashMap<>();
      for (RemoteObject o : group.getValue()) {
        byFile.put(bucketFolder.resolve(o.key()).toAbsolutePath().normalize(), o);
      }
      for (JobSnapshot job : upload(group.getKey(), byFile.keySet(), uploads)) {
        RemoteObject o = byFile.get(job.path());
        if (o == null) continue;
        String problem = job.state().succeeded() ? check(o, job, listener) : job.message();
        if (problem == null) problem = delete(o.key());
        if (problem == null) {
          Moved m =
              new Moved(
                  o.key(),
                  Objects.requireNonNull(job.key(), "an uploaded job has its key"),
                  job.size(),
                  job.id());
          moved.add(m);
          listener.moved(m);
        } else {
          NotMoved n = new NotMoved(o.key(), problem);
          notMoved.add(n);
          listener.notMoved(n);
        }
      }
    }
    return new Report(moved, notMoved);
  }

  private List<JobSnapshot> upload(String folder, Iterable<Path> files, UploadListener uploads)
      throws JournalException, InterruptedException {
    EngineOptions o = options;
    ObjectKeys keys = new ObjectKeys(folder, "{filename}", o.station());
    UploadEngine engine =
        new UploadEngine(
            // the caller's throttle stays: migrated parts count against the same limit as uploads
            o.toBuilder().maxUploadSize(0).keys(keys).removableRoots(List.of()).build(),
            journal,
            server,
            gate);
    try {
      engine.addListener(uploads);
      engine.start(false);
      for (Path f : files) engine.add(f, SermonDetails.NONE);
      engine.awaitIdle(Long.MAX_VALUE, TimeUnit.DAYS);
      return engine.jobs();
    } finally {
      engine.close();
    }
  }

  /** Null when the server's copy reads back with the local file's SHA-256, else why not. */
  private @Nullable String check(RemoteObject o, JobSnapshot job, Listener listener)
      throws UploadException, InterruptedException {
    String key = Objects.requireNonNull(job.key(), "an uploaded job has its key");
    Optional<RemoteObject> localRecord = local.find(o.key());
    String recorded = localRecord.map(RemoteObject::sha256Hex).orElse(null);
    if (recorded != null && !recorded.equalsIgnoreCase(job.sha256())) {
      return "the copy on this computer no longer matches the SHA-256 recorded when it was stored;"
          + " it is kept here";
    }
    Optional<RemoteObject> there = server.find(key);
    if (there.isEmpty()) return "the server does not show " + key + " after the upload";
    RemoteObject s = there.get();
    String read = RemoteHash.of(server, s, pos -> listener.checking(key, pos, s.size()));
    return read.equalsIgnoreCase(job.sha256())
        ? null
        : "the copy on the server reads back with another SHA-256 (" + read + ")";
  }

  /**
   * Removes the local file and its SHA-256 marker once the server's copy was checked; null when
   * done, else why not.
   */
  private @Nullable String delete(String key) {
    try {
      Files.deleteIfExists(bucketFolder.resolve(MARKERS + key));
      Files.delete(bucketFolder.resolve(key));
      return null;
    } catch (IOException e) {
      return "it is on the server, but the copy on this computer could not be removed: "
          + e.getMessage();
    }
  }
}
