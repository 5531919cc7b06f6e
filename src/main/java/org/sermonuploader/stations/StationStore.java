package org.sermonuploader.stations;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.engine.s3.S3AppRecords;

/**
 * Where the heartbeats meet: the bucket's own folder, or anything that stores them the same way.
 */
public interface StationStore {
  /** Stores the heartbeat; returns the server's clock from the answer, or null when unknown. */
  @Nullable Instant write(String key, byte[] body) throws UploadException;

  /** The heartbeat under {@code key}, with when it was written; empty when there is none. */
  Optional<S3AppRecords.Fetched> read(String key) throws UploadException;

  /** The heartbeats under {@code prefix}, with the server's clock when it listed them. */
  S3AppRecords.Listing list(String prefix) throws UploadException;

  /**
   * Stores {@code body} only while {@code key} is free; false when it was taken. Where the server
   * has no conditional writes, a key found taken before the write counts as taken.
   */
  boolean claim(String key, byte[] body) throws UploadException;

  /** Heartbeats kept in an S3 bucket as small JSON objects. */
  static StationStore of(S3AppRecords records) {
    return new StationStore() {
      @Override
      public @Nullable Instant write(String key, byte[] body) throws UploadException {
        return records.put(key, body, StationJson.CONTENT_TYPE);
      }

      @Override
      public Optional<S3AppRecords.Fetched> read(String key) throws UploadException {
        try {
          return Optional.of(records.get(key, 1 << 20));
        } catch (UploadException e) {
          if (e.reason() == UploadException.Reason.NOT_FOUND) return Optional.empty();
          throw e;
        }
      }

      @Override
      public S3AppRecords.Listing list(String prefix) throws UploadException {
        return records.list(prefix);
      }

      @Override
      public boolean claim(String key, byte[] body) throws UploadException {
        try {
          return records.putIfAbsent(key, body, StationJson.CONTENT_TYPE);
        } catch (UploadException e) {
          if (e.reason() != UploadException.Reason.NOT_IMPLEMENTED) throw e;
          if (read(key).isPresent()) return false;
          records.put(key, body, StationJson.CONTENT_TYPE);
          return true;
        }
      }
    };
  }
}
