package org.sermonuploader.app;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.sermonuploader.config.InvalidSettingException;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.config.Units;
import org.sermonuploader.engine.JournalException;
import org.sermonuploader.engine.RemoteObject;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.model.RecordingCheck;
import org.sermonuploader.notify.DiscordNotifier;

/**
 * The recordings already stored, as the window looks at them: the last check of each (whichever
 * face ran it), the ones the local store keeps on this computer, and whether its disk fills.
 * Reading back, saving a copy and moving go through {@link VerifyRecordings}, {@link
 * DownloadRecording} and {@link MigrateRecordings}, as from the command line.
 */
public final class Library {
  /** The folder the embedded store keeps its buckets in, under the data folder. */
  static final String LOCAL_STORE = "local-store";

  /** Recordings kept on this computer and their total size. */
  public record Kept(int count, long bytes) {}

  private final UploadService service;

  public Library(UploadService service) {
    this.service = service;
  }

  public UploadService service() {
    return service;
  }

  /** Where uploads go now, as the history's destination names it. */
  public String destination() {
    return service.transfer().describeDestination();
  }

  /** The last check of each recording, as kept. */
  public List<RecordingCheck> checks() throws JournalException {
    return service.journal().checks().all();
  }

  /**
   * The recordings the local store still holds while a server is set up, to offer moving them;
   * empty when there is no server or nothing is kept here. Starts the local store only when its
   * folder holds a file.
   */
  public Optional<Kept> keptHere() throws UploadException, IOException {
    if (!serverSetUp() || keptOnDisk(bucketFolder()).count() == 0) return Optional.empty();
    Destinations.Destination local = openLocal();
    try {
      List<RemoteObject> waiting = local.transfer().list("");
      long bytes = waiting.stream().mapToLong(RemoteObject::size).sum();
      return waiting.isEmpty() ? Optional.empty() : Optional.of(new Kept(waiting.size(), bytes));
    } finally {
      local.transfer().close();
      local.localStore().close();
    }
  }

  /** Whether recordings go to a server (else they are kept in the local store). */
  public boolean serverSetUp() {
    return MigrateRecordings.serverSetUp(service.settings());
  }

  /** The folder the local store keeps recordings in, whether or not it is running. */
  public Path localStore() {
    return service.dataDir().resolve(LOCAL_STORE);
  }

  private Path bucketFolder() {
    return localStore().resolve(service.settings().get(Setting.MINIO_BUCKET));
  }

  private Destinations.Destination openLocal() throws UploadException, IOException {
    Settings localOnly =
        service.settings().with(Setting.MINIO_ENDPOINT, "").with(Setting.DESTINATION, "s3");
    return Destinations.open(localOnly, service.dataDir(), new ArrayList<>());
  }

  /** The recordings' files in {@code folder}, skipping the store's hidden entries (markers). */
  static Kept keptOnDisk(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) return new Kept(0, 0);
    int count = 0;
    long bytes = 0;
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (!Files.isRegularFile(p) || folder.relativize(p).toString().startsWith(".")) continue;
        count++;
        bytes += Files.size(p);
      }
    }
    return new Kept(count, bytes);
  }

  /** Free and total bytes of a file system. */
  public record Space(long free, long total) {}

  /** Measures the file system a folder is on. */
  public interface SpaceProbe {
    Space of(Path folder) throws IOException;
  }

  public static final SpaceProbe DISK =
      folder -> {
        FileStore store = Files.getFileStore(folder);
        return new Space(store.getUsableSpace(), store.getTotalSpace());
      };

  /** Below this much free space, or a tenth of the disk, the window warns. */
  static final long LOW_FREE = 2_000_000_000L;

  /**
   * What to tell the volunteer when the local store is in use or holds recordings and its disk is
   * nearly full (less than 2 GB or a tenth free); empty otherwise.
   */
  public Optional<String> diskWarning(SpaceProbe probe) throws IOException {
    Kept kept = keptOnDisk(bucketFolder());
    boolean server = serverSetUp();
    if ((server && kept.count() == 0) || !Files.isDirectory(localStore())) return Optional.empty();
    Space s = probe.of(localStore());
    if (s.free() >= LOW_FREE && s.free() * 10 >= s.total()) return Optional.empty();
    StringBuilder b =
        new StringBuilder("The disk of this computer is nearly full: ")
            .append(Units.size(s.free()))
            .append(" free of ")
            .append(Units.size(s.total()))
            .append(".");
    if (kept.count() > 0) {
      b.append(' ')
          .append(recordings(kept.count()))
          .append(" (")
          .append(Units.size(kept.bytes()))
          .append(kept.count() == 1 ? ") is" : ") are")
          .append(" kept on it.");
    }
    b.append(
        server
            ? " Move them to the server, or ask whoever looks after this computer to free some space."
            : " No server is set up, so new recordings are kept here too. Ask whoever looks after"
                + " this computer to set up a server in Settings, so they move there, or to free"
                + " some space.");
    return Optional.of(b.toString());
  }

  /** "1 recording", "12 recordings". */
  public static String recordings(int n) {
    return n == 1 ? "1 recording" : n + " recordings";
  }

  /**
   * Posts a report to the Discord webhook when one is set; the post goes out before this returns
   * (closing the notifier waits for it a moment); {@code off} is told when the webhook setting is
   * wrong.
   */
  public static void post(
      Settings settings,
      String title,
      String summary,
      List<String> lines,
      boolean problem,
      Consumer<String> off) {
    try {
      DiscordNotifier.fromSettings(settings, id -> Optional.empty())
          .ifPresent(
              n -> {
                try (DiscordNotifier running = n.start()) {
                  running.post(title, summary, lines, problem);
                }
              });
    } catch (InvalidSettingException e) {
      off.accept("Discord notifications are off: " + e.getMessage());
    }
  }
}
