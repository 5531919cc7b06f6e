package org.sermonuploader.engine;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.bandwidth.SendThrottle;
import org.sermonuploader.memory.PressureGate;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.PartRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a file larger than one part, part by part, once its key is chosen ({@link
 * SingleRequestSender} sends the smaller ones). Each part's CRC32C (for the server to check) and
 * the whole file's SHA-256 are computed as the part is read, then the part is streamed from the
 * file to the server while the next one is read: no part is held in memory. A semaphore bounds the
 * parts in flight; the memory gate may lower that bound.
 */
final class PartPipeline {
  private static final Logger log = LoggerFactory.getLogger(PartPipeline.class);

  private final Transfer transfer;
  private final JobLedger ledger;
  private final Retrier retrier;
  private final RunControl control;
  private final KeyChooser keys;
  private final PressureGate gate;
  private final ExecutorService senders;
  private final int partsInFlight;
  private final SendThrottle throttle;
  private final java.util.function.Consumer<OutOfMemoryError> outOfMemory;

  PartPipeline(
      Transfer transfer,
      JobLedger ledger,
      Retrier retrier,
      RunControl control,
      KeyChooser keys,
      PressureGate gate,
      ExecutorService senders,
      int partsInFlight,
      SendThrottle throttle,
      java.util.function.Consumer<OutOfMemoryError> outOfMemory) {
    this.transfer = transfer;
    this.ledger = ledger;
    this.retrier = retrier;
    this.control = control;
    this.keys = keys;
    this.gate = gate;
    this.senders = senders;
    this.partsInFlight = partsInFlight;
    this.throttle = throttle;
    this.outOfMemory = outOfMemory;
  }

  /** The parts of one multipart run: those in flight, and the first failure of a sender. */
  private static final class Run {
    /** Most parts in flight: 1 when the destination needs parts in order (tus). */
    final int max;

    final Semaphore slots;
    volatile @Nullable Exception failure;

    Run(int max) {
      this.max = max;
      this.slots = new Semaphore(max);
    }

    int inFlight() {
      return max - slots.availablePermits();
    }
  }

  /** The memory gate the parts wait on; a live run's parts wait on it too. */
  PressureGate gate() {
    return gate;
  }

  void send(UploadJob job, UploadPlan plan, FileChannel channel)
      throws IOException, UploadException, RunEnd, JournalException, InterruptedException {
    String prior = job.uploadId;
    if (prior != null && job.sha256 != null && keys.finishedBeforeInterruption(job, plan)) return;
    TransferSession session;
    try {
      session = retrier.call(job, () -> transfer.open(plan, prior));
    } catch (UploadException e) {
      // a hash in the journal means the last run got as far as completing: the object may be there
      if (e.kind() != UploadException.Kind.UPLOAD_GONE || prior == null || job.sha256 == null)
        throw e;
      keys.completedBeforeInterruption(job, plan, job.sha256, e);
      job.confirmedBytes.set(plan.size());
      ledger.finish(job, JobState.DONE, null);
      return;
    }
    if (!session.uploadId().equals(prior)) {
      job.uploadId = session.uploadId();
      ledger
          .journal()
          .setUpload(job.id, job.key, job.uploadId, plan.partSize(), plan.size(), job.mtime);
    }
    Map<Integer, String> onServer = retrier.call(job, session::confirmedParts);
    Map<Integer, PartRecord> known = ledger.journal().parts(job.id);
    Map<Integer, TransferSession.SentPart> done = new TreeMap<>();
    // the row starts where the server and the journal agree, and speed counts only what is sent
    long held = 0;
    for (int n = 1; n <= plan.partCount(); n++) {
      if (held(plan, n, known, onServer)) held += plan.partLength(n);
    }
    job.confirmedBytes.set(held);
    job.streamingBytes.set(0);
    job.serverHeld.set(session.heldBytes());
    job.rate.reset();
    MessageDigest fileDigest = FilePart.sha256();
    byte[] scratch = new byte[FilePart.SCRATCH];
    Run run = new Run(session.parallel() ? partsInFlight : 1);
    try {
      for (int n = 1; n <= plan.partCount(); n++) {
        control.checkStop(job);
        if (run.failure != null) throw rethrow(run.failure);
        // an open file can still be read after its folder was renamed or unmounted lazily
        if (!Files.isRegularFile(job.path)) throw RunEnd.fileGone("not found: " + job.path, null);
        long offset = plan.partOffset(n);
        long length = plan.partLength(n);
        // read while earlier parts are still sending: the next one is ready when a slot frees
        FilePart part = FilePart.read(channel, offset, length, scratch, fileDigest);
        String partSum = part.crc32c();
        PartRecord record = known.get(n);
        if (n == 1
            && record != null
            && record.crc32c() != null
            && !partSum.equals(record.crc32c())) {
          throw RunEnd.changed(RunEnd.CHANGED_SINCE_START);
        }
        String etag = onServer.get(n);
        if (record != null && etag != null && record.size() == plan.partLength(n)) {
          // held by both the journal and the server
          if (partSum.equals(record.crc32c())) {
            done.put(n, new TransferSession.SentPart(n, etag, partSum));
            job.partsSkipped.incrementAndGet();
            continue;
          }
          job.confirmedBytes.addAndGet(-length); // other bytes than recorded: sent again
        }
        awaitSlot(job, run);
        submitPart(job, run, session, n, offset, length, part, done);
      }
      awaitParts(job, run);
    } catch (RunEnd | IOException | InterruptedException | UploadException e) {
      drain(run);
      throw e;
    }
    if (FileWaits.changedSinceStart(job)) throw RunEnd.changed(RunEnd.CHANGED_WHILE_SENT);
    String hex = HexFormat.of().formatHex(fileDigest.digest());
    job.sha256 = hex;
    // recorded before complete, so a crash between complete and the journal still knows the hash
    ledger.saveWithHash(job, JobState.VERIFYING, "finishing the upload on the server", hex);
    List<TransferSession.SentPart> parts;
    synchronized (done) {
      parts = new ArrayList<>(done.values());
    }
    if (parts.size() != plan.partCount()) {
      throw new IllegalStateException("parts missing: " + parts.size() + " of " + plan.partCount());
    }
    keys.checkStillFree(job, plan);
    RemoteObject result;
    try {
      result = retrier.call(job, () -> session.complete(parts, hex));
    } catch (UploadException e) {
      if (e.kind() != UploadException.Kind.UPLOAD_GONE) throw e;
      result = keys.completedBeforeInterruption(job, plan, hex, e);
    }
    if (result.size() != plan.size()) {
      throw UploadException.fatal(
          "The server stored a different size than the file has.", "SizeMismatch", null);
    }
    ledger.finish(job, JobState.DONE, KeyChooser.doneMessage(job));
  }

  /** Whether part {@code n} is on the server and in the journal with its size: not sent again. */
  private static boolean held(
      UploadPlan plan, int n, Map<Integer, PartRecord> known, Map<Integer, String> onServer) {
    PartRecord record = known.get(n);
    return record != null && onServer.containsKey(n) && record.size() == plan.partLength(n);
  }

  /**
   * Holds the job as "paused: low memory" while the gate forbids new parts; it carries on by
   * itself.
   */
  static void awaitMemory(PressureGate gate, JobLedger ledger, RunControl control, UploadJob job)
      throws RunEnd, InterruptedException {
    if (gate.allowsNewParts()) return;
    log.info("Memory pressure: {} waits before its next part", job.path.getFileName());
    while (!gate.allowsNewParts()) {
      ledger.show(
          job, JobState.PAUSED_LOW_MEMORY, "paused: low memory; carries on by itself", null);
      RunControl.sleep(job, 250);
      control.checkStop(job);
    }
    ledger.show(job, JobState.UPLOADING, null, null);
  }

  /** Takes a slot for one more part: the memory gate and the run's limit allow it. */
  private void awaitSlot(UploadJob job, Run run)
      throws RunEnd, IOException, UploadException, InterruptedException {
    while (true) {
      control.checkStop(job);
      if (run.failure != null) throw rethrow(run.failure);
      awaitMemory(gate, ledger, control, job);
      int allowed = gate.partsInFlight(partsInFlight);
      if (allowed < run.max && run.inFlight() >= allowed) {
        // the gate lowered the limit below the run's: wait for the parts over it to finish
        RunControl.sleep(job, 100);
      } else if (run.slots.tryAcquire(100, TimeUnit.MILLISECONDS)) {
        // all slots busy: this wait ends the moment a part is done (a sleep here cost every part
        // up to a tenth of a second of an idle line); memory may have run short meanwhile
        if (gate.allowsNewParts()) return;
        run.slots.release();
      }
    }
  }

  private void submitPart(
      UploadJob job,
      Run run,
      TransferSession session,
      int n,
      long offset,
      long length,
      FilePart part,
      Map<Integer, TransferSession.SentPart> done) {
    // execute, not submit: the task records its own failure in run.failure
    senders.execute(
        () -> {
          AtomicLong streamed = prepare(part, job, throttle, control);
          try {
            String etag =
                sendPrepared(
                    job,
                    part,
                    streamed,
                    session,
                    retrier,
                    control,
                    () -> session.sendPart(n, offset, part),
                    e -> {});
            ledger.journal().recordPart(job.id, new PartRecord(n, length, part.crc32c(), etag));
            synchronized (done) {
              done.put(n, new TransferSession.SentPart(n, etag, part.crc32c()));
            }
            job.confirmedBytes.addAndGet(length);
            job.partsSent.incrementAndGet();
            job.rate.record(System.nanoTime(), job.bytesDone());
            ledger.countActiveTimeNowAndThen(job);
          } catch (Exception e) {
            if (run.failure == null) run.failure = e;
          } catch (OutOfMemoryError e) {
            log.error("Memory ran out while sending part {} of {}", n, job.path.getFileName(), e);
            if (run.failure == null) {
              run.failure =
                  UploadException.retryable(
                          "Memory ran short; the part is sent again.", "OutOfMemory", e)
                      .because(UploadException.Reason.OUT_OF_MEMORY);
            }
            outOfMemory.accept(e);
          } finally {
            job.streamingBytes.addAndGet(-streamed.get());
            part.onRead(null);
            run.slots.release();
          }
        });
  }

  /** Waits for every part in flight, then reports the first failure. */
  private void awaitParts(UploadJob job, Run run)
      throws UploadException, RunEnd, IOException, InterruptedException {
    run.slots.acquire(run.max);
    run.slots.release(run.max);
    if (run.failure != null) throw rethrow(run.failure);
    control.checkStop(job);
  }

  /**
   * Waits for the parts in flight to end before the run does: a pause or cancel has cut them short
   * (their streams fail at the next read), other ends let them finish and keep their bytes.
   */
  private void drain(Run run) throws InterruptedException {
    while (!control.closing()) {
      if (run.slots.tryAcquire(run.max, 50, TimeUnit.MILLISECONDS)) {
        run.slots.release(run.max);
        return;
      }
    }
  }

  static UploadException rethrow(Exception e) throws RunEnd, IOException {
    if (e instanceof RunEnd end) throw end;
    if (e instanceof IOException io) throw io;
    if (e instanceof UploadException u) return u;
    if (e instanceof JournalException) {
      return UploadException.fatal(
              Objects.requireNonNull(e.getMessage(), "a journal failure says what failed"),
              "JournalWrite",
              e)
          .because(UploadException.Reason.JOURNAL);
    }
    return UploadException.fatal(
            "Something went wrong inside the app. The details are in the log.", "Internal", e)
        .because(UploadException.Reason.INTERNAL);
  }

  /**
   * Sends a part readied by {@link #prepare} through the retrier. Each try first takes back what
   * the try before it streamed; a failed try leaves what the server holds, and one cut short by a
   * pause or cancel ends the run (not the server's fault). {@code failed} hears each failure first.
   */
  static <T> T sendPrepared(
      UploadJob job,
      FilePart part,
      AtomicLong streamed,
      TransferSession session,
      Retrier retrier,
      RunControl control,
      Retrier.Call<T> send,
      Consumer<UploadException> failed)
      throws UploadException, IOException, RunEnd, InterruptedException {
    return retrier.call(
        job,
        () -> {
          job.streamingBytes.addAndGet(-streamed.getAndSet(0));
          try {
            return send.run();
          } catch (UploadException e) {
            failed.accept(e);
            job.serverHeld.set(session.heldBytes());
            control.checkStop(job);
            throw FileWaits.blame(job, part, e);
          }
        });
  }

  /**
   * Readies a part for its PUT: through the one throttle, stopped by pause or cancel, its bytes
   * counted as streaming. Returns the count of this try, which a retry takes back before it sends.
   */
  static AtomicLong prepare(
      FilePart part, UploadJob job, SendThrottle throttle, RunControl control) {
    AtomicLong streamed = new AtomicLong();
    part.sendThrough(throttle);
    part.stopWhen(() -> control.stopRequested(job));
    part.onRead(
        b -> {
          streamed.addAndGet(b);
          job.streamingBytes.addAndGet(b);
        });
    return streamed;
  }
}
