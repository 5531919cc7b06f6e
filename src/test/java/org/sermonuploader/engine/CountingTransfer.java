package org.sermonuploader.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.sermonuploader.model.ConnectionReport;

/**
 * A real transfer with a tally in front: counts what reaches the server (per part number, and
 * whole-file puts), lets a test act just before a part is sent, and can hold parts back like a
 * stalled network so a test stops an upload at a known point.
 */
public final class CountingTransfer implements Transfer {
  /**
   * A held part gives up after this long, so a forgotten release fails the test instead of hanging
   * it.
   */
  private static final long HOLD_LIMIT_SECONDS = 60;

  private final Transfer real;
  private final AtomicInteger sendCalls = new AtomicInteger();
  private final AtomicInteger wholeSent = new AtomicInteger();
  private final Map<Integer, AtomicInteger> sendsPerPart = new ConcurrentHashMap<>();
  private final AtomicInteger started = new AtomicInteger();
  private final Object sentLock = new Object();
  private int partsSent;
  private volatile int holdAfter = Integer.MAX_VALUE;
  private final CountDownLatch held = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile IntConsumer beforePart = n -> {};
  private volatile Write beforeWrite = key -> {};

  /** Something a test does just before the object is written (single PUT or complete). */
  @FunctionalInterface
  public interface Write {
    void before(String key) throws Exception;
  }

  public CountingTransfer(Transfer real) {
    this.real = real;
  }

  /** Parts started after the first {@code n} (retries count) wait until {@link #release()}. */
  public void holdAfter(int n) {
    holdAfter = n;
  }

  /** Lets the held parts, and every later one, through. */
  public void release() {
    released.countDown();
  }

  /** True once a part is waiting because of {@link #holdAfter(int)}. */
  public boolean awaitHeld(long timeout, TimeUnit unit) throws InterruptedException {
    return held.await(timeout, unit);
  }

  /** Runs {@code hook} with the part number just before each part is sent. */
  public void beforePart(IntConsumer hook) {
    this.beforePart = hook;
  }

  /**
   * Runs {@code hook} with the key just before each object is written, after the engine looked at
   * the key one last time: what another station can do in that moment.
   */
  public void beforeWrite(Write hook) {
    this.beforeWrite = hook;
  }

  private void runBeforeWrite(String key) {
    try {
      beforeWrite.before(key);
    } catch (Exception e) {
      throw new IllegalStateException("the test's hook failed", e);
    }
  }

  /** Parts the server confirmed, counting a part sent twice twice. */
  public int partsSent() {
    synchronized (sentLock) {
      return partsSent;
    }
  }

  /** True once the server confirmed at least {@code n} parts. */
  public boolean awaitPartsSent(int n, long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    synchronized (sentLock) {
      while (partsSent < n) {
        long left = deadline - System.nanoTime();
        if (left <= 0) return false;
        TimeUnit.NANOSECONDS.timedWait(sentLock, left);
      }
      return true;
    }
  }

  /** Whole-file puts the server confirmed. */
  public int wholeSent() {
    return wholeSent.get();
  }

  /** Part and whole-file sends that went to the server, retries and failures included. */
  public int sendCalls() {
    return sendCalls.get();
  }

  /** Distinct part numbers the server confirmed. */
  public Set<Integer> partsConfirmed() {
    return Set.copyOf(sendsPerPart.keySet());
  }

  /** How many times the server confirmed each part number. */
  public Map<Integer, Integer> sendsPerPart() {
    Map<Integer, Integer> out = new HashMap<>();
    sendsPerPart.forEach((n, count) -> out.put(n, count.get()));
    return out;
  }

  private void holdIfAsked() throws UploadException {
    if (started.incrementAndGet() <= holdAfter) return;
    held.countDown();
    try {
      if (!released.await(HOLD_LIMIT_SECONDS, TimeUnit.SECONDS))
        throw new IllegalStateException("never released");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw UploadException.retryable("interrupted", "Interrupted", e);
    }
  }

  @Override
  public String name() {
    return real.name();
  }

  @Override
  public String describeDestination() {
    return real.describeDestination();
  }

  @Override
  public Optional<RemoteObject> find(String key) throws UploadException {
    return real.find(key);
  }

  @Override
  public TransferSession open(UploadPlan plan, String priorUploadId) throws UploadException {
    TransferSession s = real.open(plan, priorUploadId);
    return new TransferSession() {
      @Override
      public String uploadId() {
        return s.uploadId();
      }

      @Override
      public Map<Integer, String> confirmedParts() throws UploadException {
        return s.confirmedParts();
      }

      @Override
      public boolean parallel() {
        return s.parallel();
      }

      @Override
      public String sendPart(int partNumber, long offset, FilePart data) throws UploadException {
        holdIfAsked();
        beforePart.accept(partNumber);
        sendCalls.incrementAndGet();
        String etag = s.sendPart(partNumber, offset, data);
        sendsPerPart.computeIfAbsent(partNumber, k -> new AtomicInteger()).incrementAndGet();
        synchronized (sentLock) {
          partsSent++;
          sentLock.notifyAll();
        }
        return etag;
      }

      @Override
      public RemoteObject sendWhole(FilePart data, String sha256Base64, String sha256Hex)
          throws UploadException {
        sendCalls.incrementAndGet();
        runBeforeWrite(plan.key());
        RemoteObject r = s.sendWhole(data, sha256Base64, sha256Hex);
        wholeSent.incrementAndGet();
        return r;
      }

      @Override
      public RemoteObject complete(List<SentPart> parts, String sha256Hex) throws UploadException {
        runBeforeWrite(plan.key());
        return s.complete(parts, sha256Hex);
      }

      @Override
      public void abort() throws UploadException {
        s.abort();
      }
    };
  }

  @Override
  public void abort(String key, String uploadId) throws UploadException {
    real.abort(key, uploadId);
  }

  @Override
  public ConnectionReport check() {
    return real.check();
  }

  @Override
  public void close() {
    real.close();
  }
}
