package org.sermonuploader.usb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.model.Recording;

@Timeout(30)
class RemovableMediaWatcherTest {
  @TempDir Path dir;
  private Path root;
  private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
  private final StickListener recorder =
      new StickListener() {
        @Override
        public void stickInserted(StickInserted event) {
          events.add(event);
        }

        @Override
        public void stickRemoved(StickRemoved event) {
          events.add(event);
        }
      };

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectories(dir.resolve("media/pi"));
  }

  private RemovableMediaWatcher watcher(MountTable table) {
    RemovableMediaWatcher w =
        new RemovableMediaWatcher(List.of(root), Duration.ofMillis(50), table);
    w.addListener(recorder);
    return w;
  }

  private MountTable noTable() {
    return new MountTable(dir.resolve("no-mounts"), null, null);
  }

  private static Path file(Path path, int size, long mtimeMillis) throws Exception {
    Files.createDirectories(path.getParent());
    Files.write(path, new byte[size]);
    Files.setLastModifiedTime(path, FileTime.fromMillis(mtimeMillis));
    return path;
  }

  @Test
  void aStickAppearingListsItsRecordingsNewestFirstAndNothingElse() throws Exception {
    RemovableMediaWatcher w = watcher(noTable());
    w.pollOnce();
    assertNull(events.poll(), "nothing plugged in yet");

    Path staging = dir.resolve("staging");
    file(staging.resolve("ZOOM0001.WAV"), 100, 1_000_000);
    file(staging.resolve("2024/05/sermon.mp3"), 200, 3_000_000);
    file(staging.resolve("video.MP4"), 300, 2_000_000);
    file(staging.resolve("notes.txt"), 10, 4_000_000);
    file(staging.resolve("._ZOOM0001.WAV"), 10, 4_000_000);
    file(staging.resolve(".Trashes/old.wav"), 10, 4_000_000);
    file(staging.resolve("System Volume Information/x.wav"), 10, 4_000_000);
    Files.move(staging, root.resolve("RECORDER")); // appears at once, as a mount does
    w.pollOnce();

    StickInserted in = (StickInserted) events.poll();
    assertNotNull(in);
    assertEquals(root.resolve("RECORDER"), in.stick().mountPath());
    assertEquals("RECORDER", in.stick().label());
    assertEquals("name:RECORDER", in.stick().id());
    assertEquals(
        List.of("2024/05/sermon.mp3", "video.MP4", "ZOOM0001.WAV"),
        in.recordings().stream().map(Recording::relativePath).toList());
    Recording newest = in.recordings().get(0);
    assertEquals("sermon.mp3", newest.name());
    assertEquals(200, newest.size());
    assertEquals(Instant.ofEpochMilli(3_000_000), newest.modified());
    assertEquals(root.resolve("RECORDER/2024/05/sermon.mp3"), newest.path());
    assertEquals(List.of(in.stick()), w.sticks());

    w.pollOnce();
    assertNull(events.poll(), "a stick is reported once");

    Files.move(root.resolve("RECORDER"), dir.resolve("away"));
    w.pollOnce();
    StickRemoved out = (StickRemoved) events.poll();
    assertNotNull(out);
    assertEquals(in.stick(), out.stick());
    assertTrue(w.sticks().isEmpty());
  }

  @Test
  void anEmptyFolderLeftBehindIsNotAStick() throws Exception {
    Files.createDirectories(root.resolve("OLDSTICK"));
    Files.createDirectories(root.resolve(".hidden/x"));
    RemovableMediaWatcher w = watcher(noTable());
    w.pollOnce();
    assertNull(events.poll());
    assertTrue(w.sticks().isEmpty());
  }

  @Test
  void aStickWithoutRecordingsIsStillReported() throws Exception {
    file(root.resolve("PHOTOS/a.jpg"), 10, 1000);
    RemovableMediaWatcher w = watcher(noTable());
    w.pollOnce();
    StickInserted in = (StickInserted) events.poll();
    assertNotNull(in, "the dialog can say there is nothing to upload");
    assertTrue(in.recordings().isEmpty());
  }

  @Test
  void aMountedStickIsKnownByItsFilesystemUuidAndLabelWhateverItsMountName() throws Exception {
    Path devices = Files.createDirectories(dir.resolve("dev"));
    Path sdb1 = Files.createFile(devices.resolve("sdb1"));
    Path byUuid = Files.createDirectories(dir.resolve("disk/by-uuid"));
    Path byLabel = Files.createDirectories(dir.resolve("disk/by-label"));
    Files.createSymbolicLink(byUuid.resolve("1234-ABCD"), sdb1);
    Files.createSymbolicLink(byLabel.resolve("SUNDAY\\x20REC"), sdb1);
    Files.createSymbolicLink(
        byUuid.resolve("9999-0000"), devices.resolve("gone")); // dangling: ignored
    Path mount = Files.createDirectories(root.resolve("SUNDAY REC1"));
    Path mounts = dir.resolve("mounts");
    Files.writeString(
        mounts,
        "proc /proc proc rw 0 0\n"
            + sdb1
            + " "
            + mount.toString().replace(" ", "\\040")
            + " vfat rw,nosuid 0 0\n");
    RemovableMediaWatcher w = watcher(new MountTable(mounts, byUuid, byLabel));
    w.pollOnce();
    StickInserted in = (StickInserted) events.poll();
    assertNotNull(in, "a mount point counts even when empty");
    assertEquals("uuid:1234-ABCD", in.stick().id());
    assertEquals("SUNDAY REC", in.stick().label());
    assertEquals(mount, in.stick().mountPath());
  }

  @Test
  void theWatchingThreadReportsSticksAlreadyInAndNewOnes() throws Exception {
    file(root.resolve("FIRST/a.wav"), 10, 1000);
    RemovableMediaWatcher w = watcher(noTable());
    w.start();
    Thread poller;
    try {
      StickInserted first = (StickInserted) events.poll(5, TimeUnit.SECONDS);
      assertNotNull(first, "a stick plugged in before the start is offered too");
      assertEquals("FIRST", first.stick().label());
      poller =
          Thread.getAllStackTraces().keySet().stream()
              .filter(t -> t.getName().equals("usb-watch") && t.isAlive())
              .findFirst()
              .orElseThrow();
      assertTrue(poller.isDaemon());

      Path staging = dir.resolve("staging");
      file(staging.resolve("b.wav"), 10, 1000);
      Files.move(staging, root.resolve("SECOND"));
      StickInserted second = (StickInserted) events.poll(5, TimeUnit.SECONDS);
      assertNotNull(second);
      assertEquals("SECOND", second.stick().label());
    } finally {
      w.close();
    }
    poller.join(5000);
    assertTrue(!poller.isAlive(), "closing stops the thread");
  }

  @Test
  void aListenerThatThrowsDoesNotStopTheOthers() throws Exception {
    RemovableMediaWatcher w =
        new RemovableMediaWatcher(List.of(root), Duration.ofMillis(50), noTable());
    w.addListener(
        new StickListener() {
          @Override
          public void stickInserted(StickInserted event) {
            throw new IllegalStateException("broken dialog");
          }

          @Override
          public void stickRemoved(StickRemoved event) {}
        });
    w.addListener(recorder);
    file(root.resolve("S/a.wav"), 10, 1000);
    w.pollOnce();
    assertNotNull(events.poll());
  }

  @Test
  void rootsAreTheUsualPlacesAndTheConfiguredOnes() {
    Settings s = Settings.defaults().with(Setting.USB_MOUNT_ROOTS, "/mnt/usb: /srv/sticks ::");
    assertEquals(
        List.of(
            Path.of("/media/pi"),
            Path.of("/run/media/pi"),
            Path.of("/mnt/usb"),
            Path.of("/srv/sticks")),
        RemovableMediaWatcher.roots(s, "pi"));
  }

  @Test
  void mountTableEscapesAreUndone() {
    assertEquals("/media/pi/MY STICK", MountTable.unescapeOctal("/media/pi/MY\\040STICK"));
    assertEquals("a\\b", MountTable.unescapeOctal("a\\134b"));
    assertEquals("SUNDAY REC", MountTable.unescapeUdev("SUNDAY\\x20REC"));
    assertEquals("Predigt über", MountTable.unescapeUdev("Predigt\\x20\\xc3\\xbcber"));
    assertEquals("odd\\xZZ", MountTable.unescapeUdev("odd\\xZZ"));
  }
}
