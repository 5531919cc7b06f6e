package org.sermonuploader.cli;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.model.UnsafeCharacters;

/**
 * Text that came from a file name, a server or the journal, made safe to print: a name with a line
 * break, a tab or a terminal escape code could otherwise fake lines, clear the screen or move the
 * cursor. Such characters are shown as escapes (\n, \t, \e, \u202e), the rest as it is.
 */
final class TerminalText {

  /** Whether a person watches: live progress lines then, one line per event in a log. */
  @SuppressWarnings("SystemConsoleNull") // on Java 17, null is exactly "no terminal attached"
  static boolean onTerminal() {
    return System.console() != null;
  }

  private TerminalText() {}

  static String safe(@Nullable Object text) {
    String s = String.valueOf(text);
    if (s.codePoints().noneMatch(UnsafeCharacters::unsafe)) return s;
    StringBuilder b = new StringBuilder(s.length() + 8);
    s.codePoints()
        .forEach(
            c -> {
              if (!UnsafeCharacters.unsafe(c)) b.appendCodePoint(c);
              else if (c == '\n') b.append("\\n");
              else if (c == '\r') b.append("\\r");
              else if (c == '\t') b.append("\\t");
              else if (c == 0x1b) b.append("\\e");
              else b.append(String.format(Locale.ROOT, "\\u%04x", c));
            });
    return b.toString();
  }
}
