package org.sermonuploader.engine.s3;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
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
  private final S3Requests requests;

  /** Records kept over {@code s3}'s client, credentials and timeouts. */
  public S3AppRecords(S3Transfer s3) {
    this.requests = s3.requests();
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
    return S3Requests.date(requests.put(key, body, contentType, null, null));
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
    return requests.putIfAbsent(key, body, contentType);
  }

  /** Every object under {@code prefix}, in key order. */
  public Listing list(String prefix) throws UploadException {
    List<Listed> out = new ArrayList<>();
    Instant serverTime = null;
    String token = null;
    do {
      S3Answers.ListingPage page = requests.listObjects(prefix, token);
      if (serverTime == null) serverTime = page.serverTime();
      for (S3Answers.Listed item : page.objects()) {
        Instant modified = item.lastModified();
        out.add(
            new Listed(
                item.key(), modified == null ? Instant.EPOCH : modified, item.etag(), item.size()));
      }
      token = page.nextToken();
    } while (token != null);
    return new Listing(out, serverTime);
  }

  /** The object's bytes, at most {@code maxBytes} of them. */
  public Fetched get(String key, int maxBytes) throws UploadException {
    try (ObjectStream r = requests.get(key, 0, null)) {
      byte[] body = r.readNBytes(maxBytes);
      Date modified = r.headers().getDate("Last-Modified");
      return new Fetched(
          body,
          S3Headers.etag(r.headers().get("ETag")),
          modified == null ? null : modified.toInstant(),
          S3Requests.date(r.headers()));
    } catch (IOException e) {
      throw UploadException.retryable("The connection to the server broke.", "Network", e)
          .because(UploadException.Reason.NETWORK);
    }
  }
}
