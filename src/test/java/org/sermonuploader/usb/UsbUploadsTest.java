package org.sermonuploader.usb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.app.UploadService;
import org.sermonuploader.config.Settings;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.memory.PressureGate;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.OfferedRecording;
import org.sermonuploader.model.OfferedRecording.Status;
import org.sermonuploader.model.Recording;
import org.sermonuploader.model.Stick;
import org.sermonuploader.model.StickOffer;
import org.sermonuploader.model.StickOfferListener;

/** What the USB dialog is offered, and what is queued without asking, against a real engine. */
@Timeout(60)
class UsbUploadsTest {
  @TempDir Path dir;
  private UploadService service;
  private Path root;
  private Path stick;
  private RemovableMediaWatcher watcher;
  private UsbUploads usb;
  private final BlockingQueue<Object> heard = new LinkedBlockingQueue<>();

  @BeforeEach
  void setUp() throws Exception {
    service =
        UploadService.builder(Settings.defaults(), dir.resolve("data"))
            .gateOnly(PressureGate.NEVER_PRESSED)
            .open();
    root = Files.createDirectories(dir.resolve("media/pi"));
    stick = dir.resolve("stick-contents");
  }

  @AfterEach
  void tearDown() {
    if (usb != null) usb.close();
    service.close();
  }

  private void watch(boolean autoQueue, MountTable table) {
    watcher = new RemovableMediaWatcher(List.of(root), Duration.ofSeconds(1), table);
    usb = new UsbUploads(service.engine(), watcher, KnownSticks.load(service.dataDir()), autoQueue);
    usb.addListener(
        new StickOfferListener() {
          @Override
          public void stickOffered(StickOffer offer) {
            heard.add(offer);
          }

          @Override
          public void stickRemoved(Stick s) {
            heard.add(s);
          }
        });
  }

  private MountTable noTable() {
    return new MountTable(dir.resolve("no-mounts"), null, null);
  }

  private Path record(String rel, int size, long mtimeMillis) throws Exception {
    Path f = stick.resolve(rel);
    Files.createDirectories(f.getParent());
    byte[] bytes = new byte[size];
    new java.util.Random(size + mtimeMillis).nextBytes(bytes);
    Files.write(f, bytes);
    Files.setLastModifiedTime(f, FileTime.fromMillis(mtimeMillis));
    return f;
  }

  private StickOffer plugIn(String mountName) throws Exception {
    Files.move(stick, root.resolve(mountName));
    watcher.pollOnce();
    Object o = heard.poll(10, TimeUnit.SECONDS);
    assertTrue(o instanceof StickOffer, "expected an offer, got " + o);
    return (StickOffer) o;
  }

  private void unplug(String mountName) throws Exception {
    Files.move(root.resolve(mountName), stick);
    watcher.pollOnce();
    Object o = heard.poll(10, TimeUnit.SECONDS);
    assertTrue(o instanceof Stick, "expected the removal, got " + o);
    assertEquals(root.resolve(mountName), ((Stick) o).mountPath());
  }

  private static Map<String, Status> statuses(StickOffer offer) {
    return offer.recordings().stream()
        .collect(Collectors.toMap(o -> o.recording().name(), OfferedRecording::status));
  }

  private static List<String> names(List<Recording> recordings) {
    return recordings.stream().map(Recording::name).toList();
  }

  @Test
  void aKnownStickHasOnlyItsNewRecordingsQueuedWithoutAsking() throws Exception {
    service.engine().start();
    watch(true, noTable());
    record("a.wav", 1000, 1_000_000);
    record("b.wav", 2000, 2_000_000);
    record("c.wav", 3000, 3_000_000);

    StickOffer first = plugIn("REC");
    assertFalse(first.known(), "a stick never used before is not known");
    assertEquals(
        List.of("c.wav", "b.wav", "a.wav"), names(first.toChoose()), "all new, newest first");
    assertTrue(
        first.queuedAutomatically().isEmpty(), "an unknown stick is never queued without asking");
    assertTrue(service.engine().jobs().isEmpty());

    // the volunteer unticks a.wav and taps Upload
    List<JobSnapshot> jobs =
        usb.upload(first.stick(), first.toChoose().subList(0, 2)).get(10, TimeUnit.SECONDS);
    assertEquals(List.of("c.wav", "b.wav"), jobs.stream().map(JobSnapshot::fileName).toList());
    assertTrue(service.engine().awaitIdle(30, TimeUnit.SECONDS));
    unplug("REC");

    record("d.wav", 4000, 4_000_000); // next Sunday's recording
    StickOffer second = plugIn("REC");
    assertTrue(second.known());
    assertEquals(
        Map.of(
            "d.wav",
            Status.QUEUED_AUTOMATICALLY,
            "c.wav",
            Status.UPLOADED_BEFORE,
            "b.wav",
            Status.UPLOADED_BEFORE,
            "a.wav",
            Status.LEFT_OUT_BEFORE),
        statuses(second));
    assertTrue(second.toChoose().isEmpty(), "nothing left to ask about");
    assertTrue(service.engine().awaitIdle(30, TimeUnit.SECONDS));
    List<JobSnapshot> all = service.engine().jobs();
    assertEquals(
        List.of("c.wav", "b.wav", "d.wav"), all.stream().map(JobSnapshot::fileName).toList());
    JobSnapshot dJob = all.get(2);
    assertEquals(JobState.DONE, dJob.state());
    assertEquals(root.resolve("REC/d.wav"), dJob.path());
    assertEquals(
        S3TestSupport.sha256(root.resolve("REC/d.wav")),
        S3TestSupport.sha256(service.dataDir().resolve("local-store/sermons").resolve(dJob.key())));
    unplug("REC");

    StickOffer third = plugIn("REC");
    assertTrue(third.queuedAutomatically().isEmpty(), "nothing new, nothing queued");
    assertEquals(3, service.engine().jobs().size());
  }

  @Test
  void withoutAutoQueueAKnownStickIsOfferedAndRecognisedByItsUuidUnderAnotherName()
      throws Exception {
    Path devices = Files.createDirectories(dir.resolve("dev"));
    Path sdb1 = Files.createFile(devices.resolve("sdb1"));
    Path byUuid = Files.createDirectories(dir.resolve("by-uuid"));
    Files.createSymbolicLink(byUuid.resolve("1234-ABCD"), sdb1);
    Path mounts = dir.resolve("mounts");
    Files.writeString(
        mounts,
        sdb1
            + " "
            + root.resolve("REC")
            + " vfat rw 0 0\n"
            + sdb1
            + " "
            + root.resolve("REC1")
            + " vfat rw 0 0\n");
    service.engine().start();
    watch(false, new MountTable(mounts, byUuid, null));
    record("a.wav", 1000, 1_000_000);

    StickOffer first = plugIn("REC");
    assertEquals("uuid:1234-ABCD", first.stick().id());
    usb.upload(first.stick(), first.toChoose()).get(10, TimeUnit.SECONDS);
    assertTrue(service.engine().awaitIdle(30, TimeUnit.SECONDS));
    unplug("REC");

    record("b.wav", 2000, 2_000_000);
    StickOffer second = plugIn("REC1");
    assertTrue(second.known(), "the same stick under another mount name");
    assertEquals(List.of("b.wav"), names(second.toChoose()));
    assertEquals(Status.UPLOADED_BEFORE, statuses(second).get("a.wav"));
    assertTrue(second.queuedAutomatically().isEmpty(), "USB_AUTO_QUEUE is off: the dialog asks");
    assertEquals(1, service.engine().jobs().size());
  }

  @Test
  void aRecordingAlreadyInTheListIsShownAsQueued() throws Exception {
    watch(true, noTable());
    record("a.wav", 1000, 1_000_000);
    record("b.wav", 2000, 2_000_000);
    Files.move(stick, root.resolve("REC"));
    service
        .engine()
        .add(root.resolve("REC/a.wav"), null); // dropped on the window earlier; engine not started
    watcher.pollOnce();
    StickOffer offer = (StickOffer) heard.poll(10, TimeUnit.SECONDS);
    assertNotNull(offer);
    assertEquals(Map.of("a.wav", Status.IN_QUEUE, "b.wav", Status.NEW), statuses(offer));
    assertEquals(
        1,
        service.engine().jobs().size(),
        "an unknown stick is not queued, even with auto-queue on");
  }
}
