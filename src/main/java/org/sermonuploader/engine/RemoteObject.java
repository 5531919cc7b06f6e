package org.sermonuploader.engine;

import org.jspecify.annotations.Nullable;

/**
 * An object the server holds. sha256Hex is null when the server has no record of it; version tells
 * one write of the key from another (the S3 ETag), null when the server gives none.
 */
public record RemoteObject(
    String key, long size, @Nullable String sha256Hex, @Nullable String version) {

  public RemoteObject(String key, long size, @Nullable String sha256Hex) {
    this(key, size, sha256Hex, null);
  }
}
