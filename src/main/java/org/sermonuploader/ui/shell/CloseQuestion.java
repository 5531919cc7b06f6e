package org.sermonuploader.ui.shell;

import java.util.List;
import org.sermonuploader.model.JobState;

/**
 * What closing the window asks while uploads are under way, counted as the rows show them: "1
 * upload is running and 1 is waiting" (it said "2 uploads are running" when one only waited).
 */
final class CloseQuestion {
  static final String TITLE = "Close Sermon Uploader";

  private CloseQuestion() {}

  /** The question for rows in {@code states} (those not finished, not paused by hand). */
  static String text(List<JobState> states) {
    int running = 0;
    for (JobState st : states) if (sending(st)) running++;
    int waiting = states.size() - running;
    String what;
    if (waiting == 0) what = uploads(running) + (running == 1 ? " is running" : " are running");
    else if (running == 0)
      what = uploads(waiting) + (waiting == 1 ? " is waiting" : " are waiting");
    else
      what =
          uploads(running)
              + (running == 1 ? " is" : " are")
              + " running and "
              + waiting
              + (waiting == 1 ? " is" : " are")
              + " waiting";
    boolean one = states.size() == 1;
    return what
        + ". "
        + (one ? "It continues" : "They continue")
        + " the next time the app starts. Close anyway?";
  }

  private static boolean sending(JobState st) {
    return switch (st) {
      case UPLOADING, VERIFYING, PAUSING, CANCELLING, WAITING_FOR_SERVER -> true;
      default -> false;
    };
  }

  private static String uploads(int n) {
    return n == 1 ? "1 upload" : n + " uploads";
  }
}
