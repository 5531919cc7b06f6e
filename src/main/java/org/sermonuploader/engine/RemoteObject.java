package org.sermonuploader.engine;

/** An object the server holds. sha256Hex is null when the server has no record of it. */
public record RemoteObject(String key, long size, String sha256Hex) {}
