package org.sermonuploader.engine.s3;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An unfinished multipart upload as the server lists it; {@code initiator} may be null. */
public record ServerUpload(
    String key, String uploadId, @Nullable Instant initiated, @Nullable String initiator) {}
