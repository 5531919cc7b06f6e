package org.sermonuploader.engine.s3;

import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsV2Args;
import io.minio.ListObjectsV2Response;
import io.minio.ObjectWriteResponse;
import io.minio.PutObjectAPIArgs;
import io.minio.messages.ListBucketResultV2;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.engine.ReservedKeys;
import org.sermonuploader.engine.UploadException;

/**
 * Small records of the app's own under {@link ReservedKeys#PREFIX} (station heartbeats), written
 * and read whole over the same client, credentials and timeouts as the uploads. Each call also
 * gives the server's clock from the answer's Date header, so a station whose own clock is wrong
 * still places things right.
 */
public final class S3AppRecords {
  private final S3Transfer s3;

  public S3AppRecords(S3Transfer s3) {
    this.s3 = s3;
  }

  /** One object under a prefix as the listing shows it. */
  public record Listed(String key, Instant lastModified, @Nullable String etag, long size) {}

  /** The listing, and the server's clock when it answered (null when it sent no Date). */
  public record Listing(List<Listed> objects, @Nullable Instant serverTime) {}

  /** An object's bytes and ETag, when it was last written and the server's clock on reading. */
  @SuppressWarnings("ArrayRecordComponent") // read once, handed over whole, never compared
  public record Fetched(
      byte[] body,
      @Nullable String etag,
      @Nullable Instant lastModified,
      @Nullable Instant serverTime) {}

  /**
   * Stores {@code body} under {@code key}, which must be inside the app's own prefix; returns the
   * server's clock from the answer (or null when the server sent no Date).
   */
  public @Nullable Instant put(String key, byte[] body, String contentType) throws UploadException {
    if (!key.startsWith(ReservedKeys.PREFIX)) {
      throw new IllegalArgumentException(key + " is not one of the app's own records");
    }
    ObjectWriteResponse r =
        s3.await(
            s3.client()
                .putObject(
                    PutObjectAPIArgs.builder()
                        .bucket(s3.bucket())
                        .object(key)
                        .data(body, body.length)
                        .contentType(contentType)
                        .build()));
    return date(r.headers());
  }

  /**
   * Stores {@code body} under {@code key} only while nothing is stored there ({@code If-None-Match:
   * *}); false when something was. A server that ignores the condition stores it anyway, so a
   * caller that must be the only writer reads the key back.
   */
  public boolean putIfAbsent(String key, byte[] body, String contentType) throws UploadException {
    if (!key.startsWith(ReservedKeys.PREFIX)) {
      throw new IllegalArgumentException(key + " is not one of the app's own records");
    }
    try {
      s3.await(
          s3.client()
              .putObject(
                  PutObjectAPIArgs.builder()
                      .bucket(s3.bucket())
                      .object(key)
                      .data(body, body.length)
                      .contentType(contentType)
                      .extraHeaders(Map.of("If-None-Match", "*"))
                      .build()));
      return true;
    } catch (UploadException e) {
      if (e.kind() == UploadException.Kind.KEY_TAKEN) return false;
      throw e;
    }
  }

  /** Every object under {@code prefix}, in key order. */
  public Listing list(String prefix) throws UploadException {
    List<Listed> out = new ArrayList<>();
    Instant serverTime = null;
    String token = null;
    do {
      ListObjectsV2Args.Builder args =
          ListObjectsV2Args.builder().bucket(s3.bucket()).prefix(prefix).maxKeys(1000);
      if (token != null) args.continuationToken(token);
      ListObjectsV2Response response = s3.await(s3.client().listObjectsV2(args.build()));
      if (serverTime == null) serverTime = date(response.headers());
      ListBucketResultV2 r = response.result();
      for (var item : r.contents()) {
        if (item.isDir()) continue;
        out.add(
            new Listed(
                item.objectName(),
                item.lastModified().toInstant(),
                S3Transfer.etag(item.etag()),
                item.size()));
      }
      token = r.isTruncated() ? r.nextContinuationToken() : null;
    } while (token != null);
    return new Listing(out, serverTime);
  }

  /** The object's bytes, at most {@code maxBytes} of them. */
  public Fetched get(String key, int maxBytes) throws UploadException {
    try (GetObjectResponse r =
        s3.await(
            s3.client()
                .getObject(GetObjectArgs.builder().bucket(s3.bucket()).object(key).build()))) {
      byte[] body = r.readNBytes(maxBytes);
      Date modified = r.headers().getDate("Last-Modified");
      return new Fetched(
          body,
          S3Transfer.etag(r.headers().get("ETag")),
          modified == null ? null : modified.toInstant(),
          date(r.headers()));
    } catch (IOException e) {
      throw UploadException.retryable("The connection to the server broke.", "Network", e)
          .because(UploadException.Reason.NETWORK);
    }
  }

  private static @Nullable Instant date(Headers headers) {
    Date d = headers.getDate("Date");
    return d == null ? null : d.toInstant();
  }
}
