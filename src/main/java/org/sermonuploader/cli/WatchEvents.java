package org.sermonuploader.cli;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import org.sermonuploader.config.Units;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.UploadListener;

/**
 * One line per event of the watch command: a recording followed, a part sent, the recording ended,
 * the upload done with its SHA-256 or failed. Lines, not a progress bar: the command runs for hours
 * under systemd, whose journal keeps every line.
 */
final class WatchEvents implements UploadListener {
  private final PrintWriter out;
  private final Map<Long, Seen> seen = new HashMap<>();

  private record Seen(JobState state, int parts) {}

  WatchEvents(PrintWriter out) {
    this.out = out;
  }

  @Override
  public synchronized void jobChanged(JobSnapshot s) {
    Seen before = seen.get(s.id());
    int parts = s.partsSent();
    seen.put(s.id(), new Seen(s.state(), parts));
    String name = TerminalText.safe(s.fileName());
    JobState was = before == null ? null : before.state();
    if (s.state() == JobState.RECORDING && was != JobState.RECORDING) {
      say(name + ": following the recording");
    }
    if (before != null && parts > before.parts()) {
      say(name + ": part " + parts + " sent (" + Units.size(s.bytesDone()) + " so far)");
    }
    if (was == JobState.RECORDING && s.state() == JobState.UPLOADING) {
      say(name + ": recording finished at " + Units.size(s.size()) + "; sending the last parts");
    }
    if (s.state() != was && s.state().finished()) {
      switch (s.state()) {
        case DONE -> say(name + ": uploaded as " + s.key() + ", SHA-256 " + s.sha256());
        case ALREADY_UPLOADED -> say(name + ": already on the server as " + s.key());
        case FAILED -> say(name + ": failed: " + s.message());
        default -> say(name + ": " + s.state().words());
      }
    }
  }

  private void say(String line) {
    out.println(line);
    out.flush();
  }
}
