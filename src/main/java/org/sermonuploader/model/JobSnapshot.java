package org.sermonuploader.model;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * An immutable picture of one job, published to listeners (window, CLI, status endpoint).
 *
 * @param message plain words for a volunteer, e.g. "waiting for the server, next try in 8 s"
 * @param detail technical detail (S3 error code, HTTP status) for the log and the details view
 * @param etaSeconds -1 when unknown
 */
public record JobSnapshot(
    long id,
    Path path,
    String fileName,
    long size,
    @Nullable String key,
    JobState state,
    long bytesDone,
    double bytesPerSecond,
    long etaSeconds,
    @Nullable String message,
    @Nullable String detail,
    @Nullable String sha256,
    SermonDetails details,
    int partsSent,
    int partsSkipped) {

  public double fraction() {
    return size <= 0 ? (state.succeeded() ? 1.0 : 0.0) : Math.min(1.0, (double) bytesDone / size);
  }
}
