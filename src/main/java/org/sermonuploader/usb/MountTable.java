package org.sermonuploader.usb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the system says about mounts: the mount table (/proc/self/mounts) and the udev links that
 * name a device's filesystem UUID and label (/dev/disk/by-uuid, /dev/disk/by-label). Each part is
 * optional; a missing one just tells less.
 */
public final class MountTable {
  private static final Logger log = LoggerFactory.getLogger(MountTable.class);

  /** One mounted filesystem. */
  public record Entry(String device, Path mountPoint, String type) {}

  private final Path mountsFile;
  private final Path byUuid;
  private final Path byLabel;
  private boolean warned;

  public MountTable(Path mountsFile, Path byUuid, Path byLabel) {
    this.mountsFile = mountsFile;
    this.byUuid = byUuid;
    this.byLabel = byLabel;
  }

  public static MountTable system() {
    return new MountTable(
        Path.of("/proc/self/mounts"), Path.of("/dev/disk/by-uuid"), Path.of("/dev/disk/by-label"));
  }

  /** Mounts by mount point; empty when the table can't be read. */
  public Map<Path, Entry> read() {
    Map<Path, Entry> out = new HashMap<>();
    List<String> lines;
    try {
      // not readAllLines: a name that is not UTF-8 must not cost the whole table
      lines = new String(Files.readAllBytes(mountsFile), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      if (!warned) {
        warned = true;
        log.info(
            "The mount table {} can't be read ({}); folders under the mount roots are taken as sticks",
            mountsFile,
            e.toString());
      }
      return out;
    }
    for (String line : lines) {
      String[] f = line.trim().split("\\s+", -1);
      if (f.length < 3) continue;
      Path point = Path.of(unescapeOctal(f[1]));
      out.put(point, new Entry(unescapeOctal(f[0]), point, f[2]));
    }
    return out;
  }

  /** The filesystem UUID of a device, from the udev links. */
  public Optional<String> uuidOf(String device) {
    return linkNameFor(byUuid, device);
  }

  /** The filesystem label of a device, from the udev links. */
  public Optional<String> labelOf(String device) {
    return linkNameFor(byLabel, device).map(MountTable::unescapeUdev);
  }

  private static Optional<String> linkNameFor(Path dir, String device) {
    if (dir == null || device == null || !device.startsWith("/") || !Files.isDirectory(dir))
      return Optional.empty();
    Path target;
    try {
      target = Path.of(device).toRealPath();
    } catch (IOException e) {
      return Optional.empty();
    }
    try (DirectoryStream<Path> links = Files.newDirectoryStream(dir)) {
      for (Path link : links) {
        try {
          if (link.toRealPath().equals(target)) return Optional.of(link.getFileName().toString());
        } catch (IOException e) {
          // a dangling link: a device that just went away
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** The mount table writes space, tab, newline and backslash as \040, \011, \012, \134. */
  static String unescapeOctal(String s) {
    if (s.indexOf('\\') < 0) return s;
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && isOctal(s, i + 1)) {
        b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static boolean isOctal(String s, int from) {
    if (from + 3 > s.length()) return false;
    for (int i = from; i < from + 3; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '7') return false;
    }
    return true;
  }

  /** udev writes unsafe characters of a label as \xHH (a space is \x20), UTF-8 bytes each. */
  static String unescapeUdev(String s) {
    if (!s.contains("\\x")) return s;
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    int i = 0;
    while (i < s.length()) {
      if (s.startsWith("\\x", i) && i + 4 <= s.length() && isHex(s, i + 2)) {
        bytes.write(Integer.parseInt(s.substring(i + 2, i + 4), 16));
        i += 4;
      } else {
        int cp = s.codePointAt(i);
        byte[] raw = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        bytes.write(raw, 0, raw.length);
        i += Character.charCount(cp);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static boolean isHex(String s, int from) {
    return Character.digit(s.charAt(from), 16) >= 0 && Character.digit(s.charAt(from + 1), 16) >= 0;
  }
}
