package org.sermonuploader.cli;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import org.sermonuploader.config.Units;
import org.sermonuploader.model.EngineEvent;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.UploadListener;

/**
 * Shows the engine's progress: on a terminal one live line per file, rewritten in place; otherwise
 * plain lines when a file's state changes.
 */
final class ProgressPrinter implements UploadListener {
  private final PrintWriter out;
  private final boolean live;
  private final Map<Long, JobState> lastState = new HashMap<>();
  private final Map<Long, Long> lastLine = new HashMap<>();
  private long liveJob = -1;

  ProgressPrinter(PrintWriter out, boolean live) {
    this.out = out;
    this.live = live;
  }

  @Override
  public synchronized void jobChanged(JobSnapshot s) {
    JobState before = lastState.put(s.id(), s.state());
    if (s.state().finished()) {
      if (before != null && before.finished()) return;
      lastLine.remove(s.id());
      endLiveLine();
      out.println(finalLine(s));
      out.flush();
      return;
    }
    if (live) {
      long now = System.nanoTime();
      Long last = lastLine.get(s.id());
      if (before == s.state() && last != null && now - last < 250_000_000L) return;
      lastLine.put(s.id(), now);
      if (liveJob != -1 && liveJob != s.id()) endLiveLine();
      liveJob = s.id();
      String line = progressLine(s);
      out.print("\r" + line + " ".repeat(Math.max(0, 100 - line.length())));
      out.flush();
    } else if (before != s.state()) {
      out.println(progressLine(s));
      out.flush();
    }
  }

  @Override
  public synchronized void engineEvent(EngineEvent e) {
    endLiveLine();
    out.println(e.message());
    out.flush();
  }

  private void endLiveLine() {
    if (live && liveJob != -1) {
      out.println();
      liveJob = -1;
    }
  }

  /** Names, keys and messages are escaped one by one, so the app's own line breaks stay. */
  static String progressLine(JobSnapshot s) {
    StringBuilder b = new StringBuilder();
    b.append(TerminalText.safe(s.fileName())).append("  ");
    String percent = Units.fixed(s.fraction() * 100, 0);
    b.append("   ", 0, Math.max(0, 3 - percent.length())).append(percent).append('%');
    if (s.bytesPerSecond() > 0) {
      b.append("  ").append(Units.rate(s.bytesPerSecond()));
    }
    if (s.etaSeconds() >= 0) b.append("  ").append(Units.clock(s.etaSeconds())).append(" left");
    b.append("  ").append(s.message() != null ? TerminalText.safe(s.message()) : s.state().words());
    return b.toString();
  }

  static String finalLine(JobSnapshot s) {
    String name = TerminalText.safe(s.fileName());
    String key = TerminalText.safe(s.key());
    String message = TerminalText.safe(s.message());
    return switch (s.state()) {
      case DONE ->
          "uploaded  "
              + name
              + " -> "
              + key
              + "  ("
              + Units.size(s.size())
              + ", sha256 "
              + s.sha256()
              + ")"
              + (s.message() == null ? "" : "\n  " + message);
      case ALREADY_UPLOADED ->
          "already there  " + name + " -> " + key + "  (sha256 " + s.sha256() + ")";
      case CANCELLED -> "cancelled  " + name;
      default ->
          "FAILED  "
              + name
              + ": "
              + message
              + (s.detail() != null ? "  [" + TerminalText.safe(firstLine(s.detail())) + "]" : "");
    };
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }
}
