package org.sermonuploader.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.config.Units;

/**
 * A progress line for reading a recording back: on a terminal rewritten in place four times a
 * second, otherwise a plain line at each quarter (a log of many recordings stays readable).
 */
final class ReadProgress {
  private final PrintWriter out;
  private final boolean live;
  private @Nullable String key;
  private long lastNanos;
  private long lastStep = -1;
  private boolean open;

  ReadProgress(PrintWriter out, boolean live) {
    this.out = out;
    this.live = live;
  }

  synchronized void reading(String key, long done, long size) {
    if (!key.equals(this.key)) {
      this.key = key;
      lastStep = -1;
      lastNanos = 0;
    }
    long step = size <= 0 ? 4 : done * 4 / size;
    long now = System.nanoTime();
    boolean due =
        live
            ? now - lastNanos >= 250_000_000L || done >= size
            : step != lastStep && step > 0 && step < 4;
    if (!due) return;
    lastNanos = now;
    lastStep = step;
    String line =
        TerminalText.safe(
            key
                + "  "
                + String.format(Locale.ROOT, "%3.0f%%", size <= 0 ? 100.0 : done * 100.0 / size)
                + " of "
                + Units.size(size));
    if (live) {
      out.print("\r" + line + " ".repeat(Math.max(0, 100 - line.length())));
      open = true;
    } else {
      out.println(line);
    }
    out.flush();
  }

  /** Ends a line rewritten in place, before a line of its own is printed. */
  synchronized void end() {
    if (open) {
      out.print("\r" + " ".repeat(100) + "\r");
      open = false;
    }
  }
}
