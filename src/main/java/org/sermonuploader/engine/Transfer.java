package org.sermonuploader.engine;

import java.util.Optional;

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
   * Starts a new upload, or picks up {@code priorUploadId} when it is non-null. When the server no
   * longer knows the prior upload, throws with kind UPLOAD_GONE.
   */
  TransferSession open(UploadPlan plan, String priorUploadId) throws UploadException;

  /** Stops a server-side upload the journal no longer needs; best effort. */
  void abort(String key, String uploadId) throws UploadException;

  /**
   * Checks reachability, credentials and the bucket; used before a batch and by Test connection.
   */
  ConnectionReport check();

  @Override
  default void close() {}
}
