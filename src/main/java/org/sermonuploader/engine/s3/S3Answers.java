package org.sermonuploader.engine.s3;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What the server's answers to the app's S3 requests hold, as far as the app reads them. */
final class S3Answers {
  private S3Answers() {}

  /**
   * A HEAD's answer.
   *
   * @param metadata the user metadata without its x-amz-meta- prefix, names in any case, values as
   *     sent (percent-encoded where they were not ASCII)
   */
  record ObjectStat(long size, @Nullable String etag, Map<String, String> metadata) {}

  /** One object of a listing. */
  record Listed(String key, long size, @Nullable String etag, @Nullable Instant lastModified) {}

  /**
   * One page of a listing.
   *
   * @param nextToken where the next page starts; null on the last page
   * @param serverTime the server's clock from the answer's Date header, if it sent one
   */
  record ListingPage(
      List<Listed> objects, @Nullable String nextToken, @Nullable Instant serverTime) {}

  /**
   * One page of an upload's parts.
   *
   * @param etags each part's ETag by part number, in order
   * @param nextMarker the part number the next page starts after; null on the last page
   * @param initiator who the server says started the upload, if it says
   */
  record PartsPage(
      Map<Integer, String> etags, @Nullable Integer nextMarker, @Nullable String initiator) {}

  /** One page of unfinished uploads; the markers are null on the last page. */
  record UploadsPage(
      List<ServerUpload> uploads, @Nullable String nextKeyMarker, @Nullable String nextIdMarker) {}

  /** An S3 error answer's fields. */
  record ErrorAnswer(
      @Nullable String code,
      @Nullable String message,
      @Nullable String resource,
      @Nullable String requestId) {}
}
