package org.sermonuploader.model;

import java.nio.file.Path;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One job as the journal keeps it. */
public record JobRecord(
    long id,
    Path path,
    long size,
    long mtimeMillis,
    @Nullable String key,
    @Nullable String uploadId,
    long partSize,
    JobState state,
    @Nullable String message,
    @Nullable String sha256,
    SermonDetails details,
    Instant createdAt) {}
