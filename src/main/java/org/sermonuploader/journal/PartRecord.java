package org.sermonuploader.journal;

/** A part the server confirmed, as the journal keeps it. */
public record PartRecord(int number, long size, String sha256Base64, String etag) {}
