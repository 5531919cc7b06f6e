package org.sermonuploader.engine;

import java.util.List;
import java.util.Map;

/** One file's upload on the server, new or resumed. */
public interface TransferSession {

  /** The id the journal keeps to resume (S3 upload id, tus upload URL). */
  String uploadId();

  /**
   * Parts the server already holds, by part number (1-based), with the token each returned (ETag).
   * The server is the truth: the journal's list is only a hint.
   */
  Map<Integer, String> confirmedParts() throws UploadException;

  /** True when parts may be sent in any order and in parallel (S3); false for tus. */
  boolean parallel();

  /**
   * Sends one part; returns the server's token (ETag) for it. The part is read from the file again
   * for every try; {@link FilePart#crc32c()} is its checksum for the server to check.
   */
  String sendPart(int partNumber, long offset, FilePart data) throws UploadException;

  /**
   * The bytes the server holds by its last answer, a part cut short included (tus keeps what it
   * took); 0 where only whole parts count (S3). Asks the server nothing.
   */
  default long heldBytes() {
    return 0;
  }

  /** Sends a file that fits in one part as a single request (no multipart). */
  RemoteObject sendWhole(FilePart data, String sha256Base64, String sha256Hex)
      throws UploadException;

  /** Finishes the upload once every part is there. */
  RemoteObject complete(List<SentPart> parts, String sha256Hex) throws UploadException;

  /** Aborts the upload on the server (cancel, or the file changed). */
  void abort() throws UploadException;

  /** A part the server confirmed. */
  record SentPart(int number, String etag, String crc32c) {}
}
