package org.sermonuploader.usb;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sermonuploader.model.Recording;
import org.sermonuploader.model.Stick;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sticks recordings were taken from before, and which files each one held then, kept in
 * usb-sticks.json in the data folder (written to a temp file, synced, then moved over the old one).
 *
 * <p>A stick is <em>known</em> once recordings from it were queued: by the volunteer in the USB
 * dialog, or automatically. Just plugging a stick in does not make it known, so a visitor's stick
 * with holiday videos is never uploaded without asking. A known stick is recognised by its
 * filesystem UUID, whatever name it is mounted under (by its mount folder's name only when the
 * system does not tell the UUID).
 */
public final class KnownSticks {
  public static final String FILE_NAME = "usb-sticks.json";
  private static final Logger log = LoggerFactory.getLogger(KnownSticks.class);
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** One file as it was on the stick: the same path, size and time is the same recording. */
  public record SeenFile(String path, long size, long mtimeMillis) {
    static SeenFile of(Recording r) {
      return new SeenFile(r.relativePath(), r.size(), r.modified().toEpochMilli());
    }
  }

  /** A stick as stored. */
  public record Entry(String id, String label, long lastSeenMillis, List<SeenFile> seen) {}

  /** The file's shape. */
  record Stored(int version, List<Entry> sticks) {}

  private final Path file;
  private final Map<String, Entry> sticks = new LinkedHashMap<>();

  private KnownSticks(Path file) {
    this.file = file;
  }

  /** Reads the list; a missing file is an empty list, a damaged one is moved aside and logged. */
  public static KnownSticks load(Path dataDir) {
    KnownSticks k = new KnownSticks(dataDir.resolve(FILE_NAME));
    if (!Files.isRegularFile(k.file)) return k;
    try {
      Stored s = JSON.readValue(k.file.toFile(), Stored.class);
      if (s.sticks() != null) {
        for (Entry e : s.sticks()) {
          if (e.id() != null)
            k.sticks.put(
                e.id(),
                e.seen() == null ? new Entry(e.id(), e.label(), e.lastSeenMillis(), List.of()) : e);
        }
      }
    } catch (IOException e) {
      Path aside = k.file.resolveSibling(FILE_NAME + ".damaged-" + System.currentTimeMillis());
      log.warn(
          "{} can't be read ({}); moved to {} and starting with no known sticks",
          k.file,
          e.getMessage(),
          aside);
      try {
        Files.move(k.file, aside, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException moveFailed) {
        log.warn("Could not move {} aside: {}", k.file, moveFailed.getMessage());
      }
    }
    return k;
  }

  public synchronized boolean isKnown(String stickId) {
    return sticks.containsKey(stickId);
  }

  /** The files the stick held when recordings were last taken from it; empty for an unknown one. */
  public synchronized Set<SeenFile> seen(String stickId) {
    Entry e = sticks.get(stickId);
    return e == null ? Set.of() : new HashSet<>(e.seen());
  }

  /** Marks the stick known, with the files it holds now, and saves. */
  public synchronized void remember(Stick stick, List<Recording> listing) throws IOException {
    List<SeenFile> seen = new ArrayList<>();
    for (Recording r : listing) seen.add(SeenFile.of(r));
    Entry previous =
        sticks.put(
            stick.id(),
            new Entry(stick.id(), stick.label(), System.currentTimeMillis(), List.copyOf(seen)));
    try {
      save();
    } catch (IOException e) {
      if (previous == null) sticks.remove(stick.id());
      else sticks.put(stick.id(), previous);
      throw e;
    }
  }

  private void save() throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
    byte[] bytes = JSON.writeValueAsBytes(new Stored(1, new ArrayList<>(sticks.values())));
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) ch.write(buf);
      ch.force(true);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
