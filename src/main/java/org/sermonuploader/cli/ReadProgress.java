package org.sermonuploader.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.sermonuploader.config.ByteSize;

/**
 * A progress line for reading a recording back: on a terminal rewritten in place four times a
 * second, otherwise a plain line every ten percent.
 */
final class ReadProgress {
  private final PrintWriter out;
  private final boolean live;
  private String key;
  private long lastNanos;
  private long lastTenth = -1;
  private boolean open;

  ReadProgress(PrintWriter out, boolean live) {
    this.out = out;
    this.live = live;
  }

  synchronized void reading(String key, long done, long size) {
    if (!key.equals(this.key)) {
      this.key = key;
      lastTenth = -1;
      lastNanos = 0;
    }
    long tenth = size <= 0 ? 10 : done * 10 / size;
    long now = System.nanoTime();
    if (live ? now - lastNanos < 250_000_000L && done < size : tenth == lastTenth) return;
    lastNanos = now;
    lastTenth = tenth;
    String line =
        TerminalText.safe(
            key
                + "  "
                + String.format(Locale.ROOT, "%3.0f%%", size <= 0 ? 100.0 : done * 100.0 / size)
                + " of "
                + ByteSize.format(size));
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
