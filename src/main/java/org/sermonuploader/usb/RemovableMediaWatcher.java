package org.sermonuploader.usb;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.concurrent.Threads;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.engine.MediaFiles;
import org.sermonuploader.model.Recording;
import org.sermonuploader.model.Stick;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices USB sticks (any removable medium) being mounted under the mount roots, such as
 * /media/&lt;user&gt;/RECORDER, and lists their recordings. It polls: a WatchService on /media does
 * not reliably report mounts, and one look at a few folders every second or two costs nothing.
 *
 * <p>A folder directly under a mount root is a stick when the mount table lists it as a mount
 * point, when it is on another device than the root, or when it is not empty (mount points left
 * behind by an unplugged stick are empty).
 */
public final class RemovableMediaWatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RemovableMediaWatcher.class);
  private static final int MAX_DEPTH = 8;

  /** Folders of operating systems and cameras that never hold the recordings. */
  private static final Set<String> SKIPPED_FOLDERS =
      Set.of("System Volume Information", "$RECYCLE.BIN", "RECYCLER", "LOST.DIR", "lost+found");

  private final List<Path> roots;
  private final Duration interval;
  private final MountTable table;
  private final List<StickListener> listeners = new CopyOnWriteArrayList<>();
  private final Object pollLock = new Object();
  private volatile Map<Path, Stick> present = Map.of();
  private @Nullable ScheduledExecutorService poller;

  public RemovableMediaWatcher(List<Path> roots, Duration interval, MountTable table) {
    List<Path> clean = new ArrayList<>();
    for (Path r : roots) {
      Path p = r.toAbsolutePath().normalize();
      if (!clean.contains(p)) clean.add(p);
    }
    this.roots = List.copyOf(clean);
    this.interval = interval;
    this.table = table;
  }

  /** Watches the usual places and the configured ones, polling every {@code interval}. */
  public static RemovableMediaWatcher fromSettings(Settings settings, Duration interval) {
    return new RemovableMediaWatcher(
        roots(settings, System.getProperty("user.name")), interval, MountTable.system());
  }

  /**
   * /media/&lt;user&gt; (Debian, Raspberry Pi OS), /run/media/&lt;user&gt; (Fedora, Arch), then
   * USB_MOUNT_ROOTS.
   */
  public static List<Path> roots(Settings settings, String user) {
    List<Path> out = new ArrayList<>();
    if (user != null && !user.isBlank()) {
      out.add(Path.of("/media", user));
      out.add(Path.of("/run/media", user));
    }
    for (String part : settings.get(Setting.USB_MOUNT_ROOTS).split(":", -1)) {
      if (!part.isBlank()) out.add(Path.of(part.trim()));
    }
    return out;
  }

  public List<Path> mountRoots() {
    return roots;
  }

  public void addListener(StickListener listener) {
    listeners.add(listener);
  }

  public void removeListener(StickListener listener) {
    listeners.remove(listener);
  }

  /** The sticks mounted now, as of the last look. */
  public List<Stick> sticks() {
    return List.copyOf(present.values());
  }

  /**
   * Looks now, then every interval, on a daemon thread. Sticks already in when watching starts are
   * reported as inserted: the volunteer may have plugged in before the computer started.
   */
  public synchronized void start() {
    if (poller != null) return;
    poller = Executors.newSingleThreadScheduledExecutor(Threads.daemon("usb-watch"));
    // pollQuietly catches its own failures and the task ends only with shutdownNow
    var unused =
        poller.scheduleWithFixedDelay(
            this::pollQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    log.info("Watching for USB sticks under {}", roots);
  }

  private void pollQuietly() {
    try {
      pollOnce();
    } catch (RuntimeException e) {
      // one bad look must not end the watching
      log.warn("Looking for USB sticks failed", e);
    }
  }

  /** One look at the mount roots on the calling thread; tells the listeners what changed. */
  public void pollOnce() {
    synchronized (pollLock) {
      Map<Path, Stick> now = look();
      Map<Path, Stick> before = present;
      for (Stick old : before.values()) {
        Stick same = now.get(old.mountPath());
        if (same == null || !same.id().equals(old.id())) {
          present = without(present, old.mountPath());
          log.info("USB stick {} at {} is gone", old.label(), old.mountPath());
          for (StickListener l : listeners)
            notify(old, () -> l.stickRemoved(new StickRemoved(old)));
        }
      }
      for (Stick stick : now.values()) {
        Stick known = present.get(stick.mountPath());
        if (known != null) continue;
        List<Recording> recordings = scan(stick.mountPath());
        Map<Path, Stick> next = new LinkedHashMap<>(present);
        next.put(stick.mountPath(), stick);
        present = Map.copyOf(next);
        log.info(
            "USB stick {} ({}) at {}: {} recording(s)",
            stick.label(),
            stick.id(),
            stick.mountPath(),
            recordings.size());
        StickInserted event = new StickInserted(stick, recordings);
        for (StickListener l : listeners) notify(stick, () -> l.stickInserted(event));
      }
    }
  }

  private static Map<Path, Stick> without(Map<Path, Stick> map, Path key) {
    Map<Path, Stick> copy = new LinkedHashMap<>(map);
    copy.remove(key);
    return Map.copyOf(copy);
  }

  private static void notify(Stick stick, Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      log.warn("A USB listener failed on {}", stick.mountPath(), e);
    }
  }

  private Map<Path, Stick> look() {
    Map<Path, MountTable.Entry> mounts = table.read();
    Map<Path, Stick> found = new LinkedHashMap<>();
    for (Path root : roots) {
      if (!Files.isDirectory(root)) continue;
      Object rootDevice = device(root);
      try (DirectoryStream<Path> children = Files.newDirectoryStream(root)) {
        for (Path child : children) {
          if (child.getFileName().toString().startsWith(".") || !Files.isDirectory(child)) continue;
          MountTable.Entry entry = mounts.get(child);
          boolean mounted =
              entry != null || (rootDevice != null && !rootDevice.equals(device(child)));
          if (!mounted && isEmpty(child)) continue;
          found.put(child, identify(child, entry));
        }
      } catch (IOException e) {
        log.debug("Can't list {}: {}", root, e.toString());
      }
    }
    return found;
  }

  private Stick identify(Path mount, MountTable.@Nullable Entry entry) {
    String name = mount.getFileName().toString();
    Optional<String> uuid = entry == null ? Optional.empty() : table.uuidOf(entry.device());
    Optional<String> label = entry == null ? Optional.empty() : table.labelOf(entry.device());
    return new Stick(mount, label.orElse(name), uuid.map(u -> "uuid:" + u).orElse("name:" + name));
  }

  private static @Nullable Object device(Path p) {
    try {
      return Files.getAttribute(p, "unix:dev", LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean isEmpty(Path dir) {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      return !s.iterator().hasNext();
    } catch (IOException e) {
      return true;
    }
  }

  /**
   * The recordings on a stick, newest first (by modification time, then name). Hidden folders and
   * system folders are skipped, links are not followed; what can't be read is left out.
   */
  public static List<Recording> scan(Path mount) {
    List<Recording> out = new ArrayList<>();
    try {
      MediaFiles.walk(
          mount,
          MAX_DEPTH,
          name -> name.startsWith(".") || SKIPPED_FOLDERS.contains(name),
          (file, attrs) -> {
            String rel =
                mount.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
            out.add(new Recording(file, rel, attrs.size(), attrs.lastModifiedTime().toInstant()));
          },
          (file, e) -> log.debug("Can't read {} on a stick: {}", file, e.toString()));
    } catch (IOException e) {
      log.info("Reading the stick at {} failed: {}", mount, e.toString());
    }
    out.sort(
        Comparator.comparing(Recording::modified)
            .reversed()
            .thenComparing(Recording::relativePath));
    return out;
  }

  @Override
  public synchronized void close() {
    if (poller != null) {
      poller.shutdownNow();
      try {
        poller.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      poller = null;
    }
  }
}
