package org.sermonuploader.usb;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.sermonuploader.engine.ConnectionReport;
import org.sermonuploader.engine.PartBuffer;
import org.sermonuploader.engine.RemoteObject;
import org.sermonuploader.engine.Transfer;
import org.sermonuploader.engine.TransferSession;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.engine.UploadPlan;

/**
 * The real S3 transfer, counting the parts it sends and able to hold parts back like a slow
 * network, so a test can pull the stick at a known point of an upload.
 */
final class CountingTransfer implements Transfer {
  private final Transfer inner;
  final Map<Integer, AtomicInteger> sends = new ConcurrentHashMap<>();
  private final AtomicInteger started = new AtomicInteger();
  private volatile int holdAfter = Integer.MAX_VALUE;
  final CountDownLatch holding = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  CountingTransfer(Transfer inner) {
    this.inner = inner;
  }

  /** Parts started after the first {@code n} wait until {@link #release()}. */
  void holdAfter(int n) {
    holdAfter = n;
  }

  void release() {
    release.countDown();
  }

  int totalSends() {
    return sends.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public String describeDestination() {
    return inner.describeDestination();
  }

  @Override
  public Optional<RemoteObject> find(String key) throws UploadException {
    return inner.find(key);
  }

  @Override
  public TransferSession open(UploadPlan plan, String priorUploadId) throws UploadException {
    TransferSession s = inner.open(plan, priorUploadId);
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
      public String sendPart(int partNumber, long offset, PartBuffer data, String sha) throws UploadException {
        if (started.incrementAndGet() > holdAfter) {
          holding.countDown();
          try {
            if (!release.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw UploadException.retryable("interrupted", "Interrupted", e);
          }
        }
        String etag = s.sendPart(partNumber, offset, data, sha);
        sends.computeIfAbsent(partNumber, k -> new AtomicInteger()).incrementAndGet();
        return etag;
      }

      @Override
      public RemoteObject sendWhole(PartBuffer data, String sha256Base64, String sha256Hex) throws UploadException {
        return s.sendWhole(data, sha256Base64, sha256Hex);
      }

      @Override
      public RemoteObject complete(List<SentPart> parts, String sha256Hex) throws UploadException {
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
    inner.abort(key, uploadId);
  }

  @Override
  public ConnectionReport check() {
    return inner.check();
  }

  @Override
  public void close() {
    inner.close();
  }
}
