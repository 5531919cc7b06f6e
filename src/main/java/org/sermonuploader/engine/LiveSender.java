package org.sermonuploader.engine;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.bandwidth.SendThrottle;
import org.sermonuploader.memory.PressureGate;
import org.sermonuploader.model.PartRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the parts of one live run: at most the parts-in-flight limit at once (lowered by the memory
 * gate), each streamed from the file under the bandwidth limit and recorded in the journal once the
 * server confirmed it. A part number sent again replaces the earlier one on the server.
 */
final class LiveSender {
  private static final Logger log = LoggerFactory.getLogger(LiveSender.class);

  private final UploadJob job;
  private final TransferSession session;
  private final JobLedger ledger;
  private final Retrier retrier;
  private final RunControl control;
  private final PressureGate gate;
  private final Executor senders;
  private final SendThrottle throttle;
  private final int max;
  private final Semaphore slots;
  private final Map<Integer, TransferSession.SentPart> sent = new TreeMap<>();
  private volatile @Nullable Exception failure;

  LiveSender(
      UploadJob job,
      TransferSession session,
      JobLedger ledger,
      Retrier retrier,
      RunControl control,
      PressureGate gate,
      Executor senders,
      SendThrottle throttle,
      int max) {
    this.job = job;
    this.session = session;
    this.ledger = ledger;
    this.retrier = retrier;
    this.control = control;
    this.gate = gate;
    this.senders = senders;
    this.throttle = throttle;
    this.max = max;
    this.slots = new Semaphore(max);
  }

  /** Notes a part the server and the journal already hold with these bytes. */
  void held(int n, String etag, String crc32c) {
    synchronized (sent) {
      sent.put(n, new TransferSession.SentPart(n, etag, crc32c));
    }
  }

  /** The parts confirmed so far, by number. */
  Map<Integer, TransferSession.SentPart> sent() {
    synchronized (sent) {
      return new TreeMap<>(sent);
    }
  }

  /** Sends part {@code n} once a slot is free; returns as soon as it is on its way. */
  void send(int n, long offset, FilePart part)
      throws RunEnd, IOException, UploadException, InterruptedException {
    awaitSlot();
    senders.execute(() -> sendNow(n, offset, part));
  }

  /** Throws the first failure of a part sent so far. */
  void checkFailure() throws RunEnd, IOException, UploadException {
    Exception e = failure;
    if (e != null) throw PartPipeline.rethrow(e);
  }

  /** Waits for every part in flight, then reports the first failure. */
  void awaitAll() throws RunEnd, IOException, UploadException, InterruptedException {
    slots.acquire(max);
    slots.release(max);
    checkFailure();
  }

  /** Waits for the parts in flight to end (a stop cuts them short) before the run ends. */
  void drain() throws InterruptedException {
    while (!control.closing()) {
      if (slots.tryAcquire(max, 50, TimeUnit.MILLISECONDS)) {
        slots.release(max);
        return;
      }
    }
  }

  private void awaitSlot() throws RunEnd, IOException, UploadException, InterruptedException {
    while (true) {
      control.checkStop(job);
      checkFailure();
      int allowed = gate.partsInFlight(max);
      if (allowed < 1 || (allowed < max && max - slots.availablePermits() >= allowed)) {
        RunControl.sleep(job, 100);
      } else if (slots.tryAcquire(100, TimeUnit.MILLISECONDS)) {
        return;
      }
    }
  }

  private void sendNow(int n, long offset, FilePart part) {
    AtomicLong streamed = PartPipeline.prepare(part, job, throttle, control);
    try {
      String etag =
          retrier.call(
              job,
              () -> {
                job.streamingBytes.addAndGet(-streamed.getAndSet(0));
                try {
                  return session.sendPart(n, offset, part);
                } catch (UploadException e) {
                  control.checkStop(job);
                  // a growing file changes size all the time: only a failed read is the file's
                  // fault
                  IOException unread = part.readFailure();
                  if (unread != null) throw unread;
                  throw e;
                }
              });
      ledger.journal().recordPart(job.id, new PartRecord(n, part.length(), part.crc32c(), etag));
      synchronized (sent) {
        sent.put(n, new TransferSession.SentPart(n, etag, part.crc32c()));
      }
      job.confirmedBytes.addAndGet(part.length());
      job.partsSent.incrementAndGet();
      job.rate.record(System.nanoTime(), job.bytesDone());
      ledger.countActiveTimeNowAndThen(job);
    } catch (Exception e) {
      if (failure == null) failure = e;
    } catch (OutOfMemoryError e) {
      log.error("Memory ran out while sending part {} of {}", n, job.path.getFileName(), e);
      if (failure == null) {
        failure =
            UploadException.retryable("Memory ran short; the part is sent again.", "OutOfMemory", e)
                .because(UploadException.Reason.OUT_OF_MEMORY);
      }
    } finally {
      job.streamingBytes.addAndGet(-streamed.get());
      part.onRead(null);
      slots.release();
    }
  }
}
