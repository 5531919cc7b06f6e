package org.sermonuploader.engine.http;

import java.net.SocketTimeoutException;

/**
 * A request cancelled by its deadline: the answer did not start in time, or a body moved too little
 * for too long. A timeout like any other, so it is retried as a network error; the message says
 * which deadline passed, for the log.
 */
public final class TooSlowAnswer extends SocketTimeoutException {
  private static final long serialVersionUID = 1L;

  TooSlowAnswer(String why, Throwable cause) {
    super(why);
    initCause(cause);
  }

  /** What a volunteer reads: the server is there, but its answers hardly move. */
  public String plainWords(String endpoint) {
    return "The server at "
        + endpoint
        + " takes the connection but answers too slowly ("
        + getMessage()
        + ").";
  }
}
