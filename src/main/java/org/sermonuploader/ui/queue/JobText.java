package org.sermonuploader.ui.queue;

import java.util.Locale;
import org.sermonuploader.config.Units;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;

/** The words and figures a row shows for a job snapshot. Plain Java, so it is tested without FX. */
public final class JobText {
  private JobText() {}

  /**
   * The state in words: "uploading", "paused: low memory", "failed: The file is not there any
   * more."
   */
  public static String state(JobSnapshot s) {
    JobState st = s.state();
    String msg = s.message() == null || s.message().isBlank() ? null : s.message().strip();
    switch (st) {
      case WAITING_FOR_SERVER:
        return msg != null && msg.startsWith("waiting for the server") ? msg : st.words();
      case QUEUED:
        return msg != null ? "queued (" + msg + ")" : st.words();
      case VERIFYING:
        return msg != null ? "verifying: " + msg : st.words();
      case RECORDING: // "recording… 12.6 MB sent so far": no percent or time left while it grows
        return msg != null ? st.words() + " " + msg : st.words();
      case DONE:
        return "done ✓";
      case FAILED:
        return msg != null ? "failed: " + msg : "failed";
      case WAITING_FOR_FILE:
        // what to do matters here: "insert the USB stick again", "the file is still being written"
        return msg != null ? st.words() + ": " + msg : st.words();
      case CANCELLED:
      case ALREADY_UPLOADED:
      case PAUSED:
      case PAUSED_LOW_MEMORY:
      case UPLOADING:
      default:
        return st.words();
    }
  }

  /** A style-class-friendly name for the state: "uploading", "paused-low-memory". */
  public static String styleName(JobState st) {
    return st.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** "42% · 12.3 MB/s · 3 min left"; only the percent while nothing is moving. */
  public static String progress(JobSnapshot s) {
    if (s.state() == JobState.RECORDING) return "";
    int percent = (int) Math.floor(s.fraction() * 100);
    StringBuilder sb = new StringBuilder().append(percent).append('%');
    boolean moving = s.state() == JobState.UPLOADING || s.state() == JobState.VERIFYING;
    if (moving && s.bytesPerSecond() > 0) {
      sb.append(" · ").append(Units.rate(s.bytesPerSecond()));
      if (s.etaSeconds() >= 0 && s.bytesDone() < s.size())
        sb.append(" · ").append(timeLeft(s.etaSeconds()));
    }
    return sb.toString();
  }

  /** "40 s left", "3 min left", "1 h 5 min left". */
  public static String timeLeft(long seconds) {
    return Units.rough(seconds) + " left";
  }
}
