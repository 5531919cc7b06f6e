package org.sermonuploader.engine;

/** The journal could not be read or written; the message is fit to show. */
public class JournalException extends Exception {
  private static final long serialVersionUID = 1L;

  public JournalException(String message, Throwable cause) {
    super(message, cause);
  }
}
