package org.sermonuploader.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Passes everything through to a real transfer, counting the parts that reached the server. A test
 * can hold parts at the door (a semaphore) to stop an upload at a known point.
 */
public final class CountingTransfer implements Transfer {
  private final Transfer real;
  public final AtomicInteger partsSent = new AtomicInteger();
  public final AtomicInteger wholeSent = new AtomicInteger();
  /** Parts allowed through; starts unlimited. */
  public final Semaphore door = new Semaphore(Integer.MAX_VALUE);
  public volatile CountDownLatch partsReached = new CountDownLatch(0);

  public CountingTransfer(Transfer real) {
    this.real = real;
  }

  /** Lets {@code n} parts through, then holds the rest until {@link #openDoor()}. */
  public void allowOnly(int n) {
    door.drainPermits();
    door.release(n);
  }

  public void openDoor() {
    door.release(Integer.MAX_VALUE / 2);
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
      public String sendPart(int n, long offset, PartBuffer data, String sha) throws UploadException {
        try {
          door.acquire();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw UploadException.retryable("interrupted", "Interrupted", e);
        }
        String etag = s.sendPart(n, offset, data, sha);
        partsSent.incrementAndGet();
        partsReached.countDown();
        return etag;
      }

      @Override
      public RemoteObject sendWhole(PartBuffer data, String b64, String hex) throws UploadException {
        RemoteObject r = s.sendWhole(data, b64, hex);
        wholeSent.incrementAndGet();
        return r;
      }

      @Override
      public RemoteObject complete(List<SentPart> parts, String hex) throws UploadException {
        return s.complete(parts, hex);
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
