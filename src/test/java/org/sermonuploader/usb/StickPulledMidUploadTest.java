package org.sermonuploader.usb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.Await;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.UploadEngine;
import org.sermonuploader.model.JobRecord;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.PartRecord;
import org.sermonuploader.model.Stick;
import org.sermonuploader.model.StickOffer;
import org.sermonuploader.model.StickOfferListener;

/**
 * A volunteer pulls the USB stick while a recording uploads: the job waits for the stick with a
 * plain message and carries on from the parts the server confirmed once the same file is back.
 */
@Timeout(90)
class StickPulledMidUploadTest {
  private static final long SIZE = 30L << 20; // six 5 MiB parts
  private static final String WAITING_MESSAGE = "insert the USB stick again";
  private static final String CHANGED_MESSAGE =
      "The file changed since its upload started, so it is uploaded again from the start.";

  @TempDir Path dir;
  private Rig rig;
  private Path root;
  private Path stick;
  private Path pulled;
  private Path file;

  @BeforeEach
  void setUp() throws Exception {
    rig = Rig.open(dir.resolve("data"));
    root = Rig.usbRoot(rig.dataDir);
    stick = root.resolve("STICK");
    pulled = dir.resolve("pulled");
    file = stick.resolve("REC/2024-05-05 sermon.wav");
    S3TestSupport.randomFile(file, SIZE, 1);
  }

  @AfterEach
  void tearDown() {
    rig.close();
  }

  /** Starts the upload, pulls the stick after two parts went out, and waits until the job waits. */
  private long uploadAndPull() throws Exception {
    rig.transfer.holdAfter(2);
    rig.engine.start();
    long id = rig.engine.add(file, null).job().id();
    assertTrue(rig.transfer.awaitHeld(30, TimeUnit.SECONDS), "the third part never started");
    Files.move(stick, pulled);
    rig.transfer.release();
    Await.until(
        "the job waits for its file", () -> rig.job(id).state() == JobState.WAITING_FOR_FILE);
    return id;
  }

  @Test
  void pulledStickMakesTheJobWaitAndItCarriesOnWhenPluggedBackIn() throws Exception {
    String sha = S3TestSupport.sha256(file);
    long id = uploadAndPull();

    JobSnapshot waiting = rig.job(id);
    assertEquals(WAITING_MESSAGE, waiting.message());
    assertEquals("waiting for the file", waiting.state().words());
    Map<Integer, PartRecord> confirmed = rig.journal.parts(id);
    assertTrue(
        confirmed.size() >= 3 && confirmed.size() < 6,
        "parts confirmed before the pull: " + confirmed.keySet());
    assertEquals(
        confirmed.size() * Rig.PART, waiting.bytesDone(), "the bar keeps the confirmed parts");
    assertEquals(JobState.WAITING_FOR_FILE, journalState(id), "the wait survives a restart");

    Thread.sleep(400); // several looks for the file: it stays waiting while the stick is out
    assertEquals(JobState.WAITING_FOR_FILE, rig.job(id).state());

    Files.move(pulled, stick);
    Await.until("the upload finishes", () -> rig.job(id).state() == JobState.DONE);

    JobSnapshot done = rig.job(id);
    assertEquals(
        sha, S3TestSupport.sha256(rig.stored(done.key())), "the stored object is the recording");
    assertEquals(confirmed.size(), done.partsSkipped(), "confirmed parts were kept");
    for (Map.Entry<Integer, Integer> e : rig.transfer.sendsPerPart().entrySet()) {
      assertEquals(1, e.getValue(), "part " + e.getKey() + " was sent more than once");
    }
    assertEquals(6, rig.transfer.partsSent());
  }

  @Test
  void stickBackUnderAnotherMountNameIsFoundByTheWatcher() throws Exception {
    String sha = S3TestSupport.sha256(file);
    RemovableMediaWatcher watcher =
        new RemovableMediaWatcher(
            List.of(root),
            Duration.ofMillis(50),
            new MountTable(dir.resolve("no-mount-table"), null, null));
    UsbUploads usb = new UsbUploads(rig.engine, watcher, KnownSticks.load(rig.dataDir), false);
    BlockingQueue<StickOffer> offers = new LinkedBlockingQueue<>();
    usb.addListener(
        new StickOfferListener() {
          @Override
          public void stickOffered(StickOffer offer) {
            offers.add(offer);
          }

          @Override
          public void stickRemoved(Stick s) {}
        });
    watcher.start();
    try {
      long id = uploadAndPull();
      int confirmed = rig.journal.parts(id).size();

      Path stick1 = root.resolve("STICK1");
      Files.move(pulled, stick1);
      Path moved = stick1.resolve("REC/2024-05-05 sermon.wav");
      Await.until("the upload finishes", () -> rig.job(id).state() == JobState.DONE);

      JobSnapshot done = rig.job(id);
      assertEquals(moved, done.path(), "the job now reads from the stick's new place");
      assertEquals(moved, journalRecord(id).path(), "and the journal knows it");
      assertEquals(sha, S3TestSupport.sha256(rig.stored(done.key())));
      assertEquals(confirmed, done.partsSkipped());
      assertEquals(6, rig.transfer.partsSent(), "no part was sent twice");
      StickOffer last = null;
      for (StickOffer o; (o = offers.poll(5, TimeUnit.SECONDS)) != null; ) {
        last = o;
        if (o.stick().mountPath().equals(stick1)) break;
      }
      assertEquals(
          stick1, last == null ? null : last.stick().mountPath(), "the dialog heard of STICK1");
    } finally {
      usb.close();
      watcher.close();
    }
  }

  @Test
  void fileThatCameBackWithAnotherSizeStartsOverAndSaysWhy() throws Exception {
    long id = uploadAndPull();
    Path inPulled = pulled.resolve("REC/2024-05-05 sermon.wav");
    S3TestSupport.randomFile(inPulled, SIZE + (1 << 20), 2);
    String sha = S3TestSupport.sha256(inPulled);

    Files.move(pulled, stick);
    Await.until("the upload finishes", () -> rig.job(id).state() == JobState.DONE);

    assertTrue(
        rig.events.stream().anyMatch(s -> s.id() == id && CHANGED_MESSAGE.equals(s.message())),
        "the row said why it started over");
    assertEquals(
        sha,
        S3TestSupport.sha256(rig.stored(rig.job(id).key())),
        "the server has the file as it is now");
    assertEquals(0, rig.job(id).partsSkipped());
  }

  @Test
  void fileWithTheSameSizeAndTimeButOtherBytesIsCaughtByThePartHash() throws Exception {
    FileTime mtime = Files.getLastModifiedTime(file);
    long id = uploadAndPull();
    Path inPulled = pulled.resolve("REC/2024-05-05 sermon.wav");
    S3TestSupport.randomFile(inPulled, SIZE, 3);
    Files.setLastModifiedTime(inPulled, mtime);
    String sha = S3TestSupport.sha256(inPulled);

    Files.move(pulled, stick);
    Await.until("the upload finishes", () -> rig.job(id).state() == JobState.DONE);

    assertTrue(
        rig.events.stream().anyMatch(s -> s.id() == id && CHANGED_MESSAGE.equals(s.message())));
    assertEquals(sha, S3TestSupport.sha256(rig.stored(rig.job(id).key())));
  }

  @Test
  void aStickPulledWhileItsNewRecordingSettlesIsWaitedFor() throws Exception {
    String sha = S3TestSupport.sha256(file);
    // written a moment ago: the engine first waits for it to stop changing
    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
    rig.engine.start();
    long id = rig.engine.add(file, null).job().id();
    // taken up, nothing read yet: it waits 3 s for the file to stay as it is
    Await.until(
        "the recording is taken up",
        () -> rig.job(id).state() == JobState.UPLOADING && rig.job(id).bytesDone() == 0);
    Files.move(stick, pulled);
    Await.until(
        "the job waits for its stick", () -> rig.job(id).state() == JobState.WAITING_FOR_FILE);
    assertTrue(rig.job(id).message().contains(WAITING_MESSAGE), rig.job(id).message());
    Files.move(pulled, stick);
    Await.until("the upload finishes", () -> rig.job(id).state() == JobState.DONE);
    assertEquals(sha, S3TestSupport.sha256(rig.stored(rig.job(id).key())));
  }

  @Test
  void aFileGoneForGoodCanBeCancelled() throws Exception {
    long id = uploadAndPull();
    rig.engine.cancel(id);
    Await.until("the job is cancelled", () -> rig.job(id).state() == JobState.CANCELLED);
    assertEquals(JobState.CANCELLED, journalState(id));
    Thread.sleep(300);
    Files.move(pulled, stick); // coming back later changes nothing
    Thread.sleep(300);
    assertEquals(JobState.CANCELLED, rig.job(id).state());
  }

  @Test
  void aWaitingJobCanBePausedAndStaysPausedWhenTheStickComesBack() throws Exception {
    String sha = S3TestSupport.sha256(file);
    long id = uploadAndPull();
    rig.engine.pause(id);
    assertEquals(JobState.PAUSED, rig.job(id).state());
    Files.move(pulled, stick);
    Thread.sleep(400);
    assertEquals(JobState.PAUSED, rig.job(id).state(), "a paused job does not start by itself");
    rig.engine.resume(id);
    Await.until("the upload finishes", () -> rig.job(id).state() == JobState.DONE);
    assertEquals(sha, S3TestSupport.sha256(rig.stored(rig.job(id).key())));
  }

  @Test
  void relocateTakesOnlyTheSameFile() throws Exception {
    long id = uploadAndPull();
    Path other = root.resolve("OTHER/REC/2024-05-05 sermon.wav");
    S3TestSupport.randomFile(other, SIZE - 1, 4);
    assertFalse(rig.engine.relocate(id, other), "another size is another file");
    Files.setLastModifiedTime(other, FileTime.fromMillis(0));
    assertFalse(rig.engine.relocate(id, dir.resolve("nothing-here.wav")));
    assertEquals(JobState.WAITING_FOR_FILE, rig.job(id).state());
    assertEquals(file, rig.job(id).path());
  }

  @Test
  void theWaitSurvivesARestartAndKeepsTheConfirmedParts() throws Exception {
    String sha = S3TestSupport.sha256(file);
    long id = uploadAndPull();
    int confirmed = rig.journal.parts(id).size();
    rig.closeEngine();

    Rig again = Rig.open(rig.dataDir, rig.store);
    try {
      UploadEngine engine = again.engine;
      engine.start();
      Await.until("the job waits again", () -> again.job(id).state() == JobState.WAITING_FOR_FILE);
      assertEquals(WAITING_MESSAGE, again.job(id).message());
      Files.move(pulled, stick);
      Await.until("the upload finishes", () -> again.job(id).state() == JobState.DONE);
      assertEquals(sha, S3TestSupport.sha256(again.stored(again.job(id).key())));
      assertEquals(confirmed, again.job(id).partsSkipped());
      assertEquals(6 - confirmed, again.transfer.partsSent(), "only the missing parts were sent");
    } finally {
      again.closeEngine();
    }
  }

  private JobState journalState(long id) throws Exception {
    return journalRecord(id).state();
  }

  private JobRecord journalRecord(long id) throws Exception {
    return rig.journal.jobs().stream().filter(r -> r.id() == id).findFirst().orElseThrow();
  }
}
