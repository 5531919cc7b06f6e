package org.sermonuploader.app;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.bandwidth.SendThrottle;
import org.sermonuploader.engine.Leftovers;
import org.sermonuploader.engine.RemoteObject;
import org.sermonuploader.engine.Transfer;
import org.sermonuploader.engine.TransferSession;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.engine.UploadPlan;
import org.sermonuploader.model.ConnectionReport;

/**
 * A transfer whose reads from the server (download, verify, the check after a migration) pass
 * through the download limit, the DOWN half of BANDWIDTH_LIMIT. Reading is throttled where the
 * bytes are taken from the socket, so the server sees a steady rate and no read times out.
 */
final class LimitedReads implements Transfer {
  /** At most this much is read before it is paid for, so the rate stays smooth. */
  private static final int CHUNK = 16 * 1024;

  private final Transfer transfer;
  private final SendThrottle throttle;

  LimitedReads(Transfer transfer, SendThrottle throttle) {
    this.transfer = transfer;
    this.throttle = throttle;
  }

  /** The destination itself, whose own records (station heartbeats) are not throttled reads. */
  Transfer destination() {
    return transfer;
  }

  @Override
  public InputStream read(String key, long offset, @Nullable String version)
      throws UploadException {
    return new FilterInputStream(transfer.read(key, offset, version)) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) throttle.take(1);
        return b;
      }

      /**
       * Pays for what arrived rather than for what was asked: a socket often returns less than the
       * buffer holds, and paying ahead would lose the difference and fall short of the limit.
       */
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, Math.min(len, CHUNK));
        for (int paid = 0; paid < n; ) paid += throttle.take(n - paid);
        return n;
      }
    };
  }

  @Override
  public String name() {
    return transfer.name();
  }

  @Override
  public String describeDestination() {
    return transfer.describeDestination();
  }

  @Override
  public Optional<RemoteObject> find(String key) throws UploadException {
    return transfer.find(key);
  }

  @Override
  public TransferSession open(UploadPlan plan, @Nullable String priorUploadId)
      throws UploadException {
    return transfer.open(plan, priorUploadId);
  }

  @Override
  public boolean refusesTakenKeys() {
    return transfer.refusesTakenKeys();
  }

  @Override
  public boolean uploadsWhileRecording() {
    return transfer.uploadsWhileRecording();
  }

  @Override
  public void abort(String key, String uploadId) throws UploadException {
    transfer.abort(key, uploadId);
  }

  @Override
  public ConnectionReport check() {
    return transfer.check();
  }

  @Override
  public ConnectionReport check(Duration limit) {
    return transfer.check(limit);
  }

  @Override
  public ConnectionReport checkForSingleRequests(Duration limit) {
    return transfer.checkForSingleRequests(limit);
  }

  @Override
  public List<RemoteObject> list(String prefix) throws UploadException {
    return transfer.list(prefix);
  }

  @Override
  public Optional<Leftovers> leftovers(Supplier<Leftovers.Policy> policy) {
    return transfer.leftovers(policy);
  }

  @Override
  public void close() {
    transfer.close();
  }
}
