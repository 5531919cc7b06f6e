package org.sermonuploader.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A finished upload, kept across restarts. */
public record HistoryEntry(
    long jobId,
    String fileName,
    String key,
    long size,
    @Nullable String sha256,
    Instant finishedAt,
    long durationMillis,
    double bytesPerSecond,
    UploadOutcome outcome,
    String destination) {}
