package org.sermonuploader.engine;

import java.nio.file.Path;
import java.time.Instant;

/** One job as the journal keeps it. */
public record JobRecord(
    long id,
    Path path,
    long size,
    long mtimeMillis,
    String key,
    String uploadId,
    long partSize,
    JobState state,
    String message,
    String sha256,
    SermonDetails details,
    Instant createdAt) {}
