package org.sermonuploader.engine;

import org.jspecify.annotations.Nullable;

/** The journal could not be read or written; the message is fit to show. */
public class JournalException extends Exception {
  private static final long serialVersionUID = 1L;

  public JournalException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
