package org.sermonuploader.engine;

/** The journal could not be read or written; the message is fit to show. */
public class JournalException extends Exception {
  public JournalException(String message, Throwable cause) {
    super(message, cause);
  }
}
