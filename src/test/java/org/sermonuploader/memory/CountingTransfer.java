package org.sermonuploader.memory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.sermonuploader.engine.ConnectionReport;
import org.sermonuploader.engine.PartBuffer;
import org.sermonuploader.engine.RemoteObject;
import org.sermonuploader.engine.Transfer;
import org.sermonuploader.engine.TransferSession;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.engine.UploadPlan;

/**
 * A real transfer with a tally in front: counts the parts that reach the server and lets a test
 * act just before a given part is sent.
 */
public final class CountingTransfer implements Transfer {
  private final Transfer real;
  private final AtomicInteger sendCalls = new AtomicInteger();
  private final Set<Integer> partsConfirmed = ConcurrentHashMap.newKeySet();
  private volatile IntConsumer beforePart = n -> {};

  public CountingTransfer(Transfer real) {
    this.real = real;
  }

  public void beforePart(IntConsumer hook) {
    this.beforePart = hook;
  }

  /** sendPart calls that went to the server (retries included). */
  public int sendCalls() {
    return sendCalls.get();
  }

  /** Distinct part numbers the server confirmed. */
  public Set<Integer> partsConfirmed() {
    return Set.copyOf(partsConfirmed);
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
      public String sendPart(int partNumber, long offset, PartBuffer data, String sha) throws UploadException {
        beforePart.accept(partNumber);
        sendCalls.incrementAndGet();
        String etag = s.sendPart(partNumber, offset, data, sha);
        partsConfirmed.add(partNumber);
        return etag;
      }

      @Override
      public RemoteObject sendWhole(PartBuffer data, String sha256Base64, String sha256Hex) throws UploadException {
        sendCalls.incrementAndGet();
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
