package org.sermonuploader.model;

import org.jspecify.annotations.Nullable;

/**
 * A part the server confirmed, as the journal keeps it; {@code crc32c} is Base64, null if unknown.
 */
public record PartRecord(int number, long size, @Nullable String crc32c, String etag) {}
