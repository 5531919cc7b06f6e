package org.sermonuploader.ui;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.sermonuploader.engine.FilePart;
import org.sermonuploader.engine.RemoteObject;
import org.sermonuploader.engine.Transfer;
import org.sermonuploader.engine.TransferSession;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.engine.UploadPlan;
import org.sermonuploader.model.ConnectionReport;

/**
 * A destination whose pace the test sets: every part (or whole file) waits for a permit before its
 * bytes are read. It remembers the parts it holds per upload, as a server would, so a second engine
 * on the same journal can resume against it.
 */
public final class FakeTransfer implements Transfer {
  public final Semaphore permits = new Semaphore(0);
  public final AtomicReference<UploadException> failNext = new AtomicReference<>();
  final Map<String, Map<Integer, String>> parts = new ConcurrentHashMap<>();
  final Map<String, String> objects = new ConcurrentHashMap<>();

  /** What the connection check reports, or null when it passes. */
  public final AtomicReference<String> checkProblem = new AtomicReference<>();

  /** While set, every request and the connection check find the server not answering. */
  public final java.util.concurrent.atomic.AtomicBoolean down =
      new java.util.concurrent.atomic.AtomicBoolean();

  public final List<String> aborted = new CopyOnWriteArrayList<>();
  public final Map<Integer, AtomicInteger> sendsByPart = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();

  /** Lets every part through from now on. */
  public void runFreely() {
    permits.release(1_000_000);
  }

  @Override
  public String name() {
    return "fake";
  }

  @Override
  public String describeDestination() {
    return "the test's fake server";
  }

  @Override
  public Optional<RemoteObject> find(String key) {
    String sha = objects.get(key);
    return sha == null ? Optional.empty() : Optional.of(new RemoteObject(key, -1, sha));
  }

  @Override
  public TransferSession open(UploadPlan plan, String prior) throws UploadException {
    String id = prior;
    if (id == null || !parts.containsKey(id)) {
      if (prior != null)
        throw new UploadException(
            UploadException.Kind.UPLOAD_GONE, "gone", "NoSuchUpload", null, null);
      id = "upload-" + ids.incrementAndGet();
      parts.put(id, new ConcurrentHashMap<>());
    }
    String uploadId = id;
    return new TransferSession() {
      @Override
      public String uploadId() {
        return uploadId;
      }

      @Override
      public Map<Integer, String> confirmedParts() {
        return Map.copyOf(parts.get(uploadId));
      }

      @Override
      public boolean parallel() {
        return true;
      }

      @Override
      public String sendPart(int n, long offset, FilePart data) throws UploadException {
        gate();
        sendsByPart.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet();
        String etag = "etag-" + n + "-" + sha256(data);
        parts.get(uploadId).put(n, etag);
        return etag;
      }

      @Override
      public RemoteObject sendWhole(FilePart data, String b64, String hex) throws UploadException {
        gate();
        sha256(data);
        objects.put(plan.key(), hex);
        return new RemoteObject(plan.key(), plan.size(), hex);
      }

      @Override
      public RemoteObject complete(List<SentPart> sent, String hex) {
        objects.put(plan.key(), hex);
        parts.remove(uploadId);
        return new RemoteObject(plan.key(), plan.size(), hex);
      }

      @Override
      public void abort() {
        aborted.add(plan.key());
      }
    };
  }

  private void gate() throws UploadException {
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw UploadException.retryable("Interrupted.", "Interrupted", e);
    }
    if (down.get()) {
      permits.release(); // the try took no part through
      throw UploadException.retryable("The server does not answer.", "ConnectException", null);
    }
    UploadException e = failNext.getAndSet(null);
    if (e != null) throw e;
  }

  /** Reads the part as a real transfer would, so the engine counts its bytes as sent. */
  private static String sha256(FilePart data) throws UploadException {
    try (InputStream in = data.openStream()) {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[64 * 1024];
      int n;
      while ((n = in.read(buf)) > 0) d.update(buf, 0, n);
      return HexFormat.of().formatHex(d.digest());
    } catch (IOException | java.security.NoSuchAlgorithmException e) {
      throw UploadException.fatal("read failed", "Test", e);
    }
  }

  @Override
  public void abort(String key, String uploadId) {
    aborted.add(key);
    parts.remove(uploadId);
  }

  @Override
  public ConnectionReport check() {
    String problem = down.get() ? "The server does not answer." : checkProblem.get();
    return new ConnectionReport(
        List.of(
            new ConnectionReport.Check(
                ConnectionReport.Check.Kind.SERVER,
                problem == null,
                problem == null ? "fake" : problem)));
  }
}
