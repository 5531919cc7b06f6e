package org.sermonuploader.engine;

import java.time.Instant;

/** A finished upload, kept across restarts. */
public record HistoryEntry(
    long jobId,
    String fileName,
    String key,
    long size,
    String sha256,
    Instant finishedAt,
    long durationMillis,
    double bytesPerSecond,
    String outcome,
    String destination) {}
