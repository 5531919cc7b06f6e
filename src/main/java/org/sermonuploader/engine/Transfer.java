package org.sermonuploader.engine;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.model.ConnectionReport;

/**
 * A destination for uploads (S3 multipart, tus). The engine owns reading, hashing, buffering,
 * retries and the journal; a transfer only moves parts and answers what the server holds.
 * Implementations throw {@link UploadException} and keep their SDK's types to themselves.
 */
public interface Transfer extends AutoCloseable {

  /** Short name for logs and messages, e.g. "S3" or "tus". */
  String name();

  /** Where uploads go, in words, e.g. "bucket sermons on http://pi:9000". */
  String describeDestination();

  /** What the destination holds at {@code key}, if anything. */
  Optional<RemoteObject> find(String key) throws UploadException;

  /**
   * Whether a write to a taken key is refused by the server itself (conditional writes, seen to
   * work on this server), so that a look at the key before a one-request write adds nothing.
   */
  default boolean refusesTakenKeys() {
    return false;
  }

  /**
   * Starts a new upload, or picks up {@code priorUploadId} when it is non-null. When the server no
   * longer knows the prior upload, throws with kind UPLOAD_GONE.
   */
  TransferSession open(UploadPlan plan, @Nullable String priorUploadId) throws UploadException;

  /**
   * Whether parts may go up in any order and be sent again (S3), so a recording can be uploaded
   * while it is made and its header last.
   */
  default boolean uploadsWhileRecording() {
    return false;
  }

  /** Stops a server-side upload the journal no longer needs; best effort. */
  void abort(String key, String uploadId) throws UploadException;

  /**
   * Checks reachability, credentials and the bucket; used before a batch and by Test connection.
   */
  ConnectionReport check();

  /**
   * Like {@link #check()}, answering within about {@code limit}: a server that takes the connection
   * and then says nothing is reported as not answering (waiting may help) once the time is up. This
   * version runs the check on a thread of its own and leaves a late answer behind; a transfer that
   * can bound its own requests does better.
   */
  default ConnectionReport check(Duration limit) {
    CompletableFuture<ConnectionReport> answer = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                answer.complete(check());
              } catch (RuntimeException e) {
                answer.completeExceptionally(e);
              }
            },
            "connection-check");
    t.setDaemon(true);
    t.start();
    try {
      return answer.get(Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return new ConnectionReport(
          List.of(
              new ConnectionReport.Check(
                  ConnectionReport.Check.Kind.SERVER,
                  false,
                  "The server ("
                      + describeDestination()
                      + ") took the connection but gave no answer within "
                      + Math.max(1, limit.toSeconds())
                      + " s.",
                  true)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ConnectionReport(
          List.of(
              new ConnectionReport.Check(
                  ConnectionReport.Check.Kind.SERVER, false, "The check was stopped.", false)));
    } catch (ExecutionException e) {
      throw (RuntimeException) e.getCause();
    }
  }

  /**
   * {@link #check(Duration)} for uploads that each go as one request and resume nothing: a
   * destination may leave out what only resuming needs. By default the whole check.
   */
  default ConnectionReport checkForSingleRequests(Duration limit) {
    return check(limit);
  }

  /**
   * What is stored under {@code prefix}: key, size and version of each object, without its SHA-256
   * (ask {@link #find(String)} for that). Destinations that can't list refuse with kind FATAL.
   */
  default List<RemoteObject> list(String prefix) throws UploadException {
    throw UploadException.fatal(
        "Reading back recordings works with S3 servers only.", "ReadNotSupported", null);
  }

  /**
   * Streams the object under {@code key} from byte {@code offset} to its end. With a non-null
   * {@code version}, refuses an object written since (a resumed read must not mix two recordings).
   */
  default InputStream read(String key, long offset, @Nullable String version)
      throws UploadException {
    throw UploadException.fatal(
        "Reading back recordings works with S3 servers only.", "ReadNotSupported", null);
  }

  /**
   * The unfinished uploads this computer left on the server, for a destination that can list them;
   * empty for one that can't. The policy is read only when there are leftovers to find.
   */
  default Optional<Leftovers> leftovers(Supplier<Leftovers.Policy> policy) {
    return Optional.empty();
  }

  @Override
  default void close() {}
}
