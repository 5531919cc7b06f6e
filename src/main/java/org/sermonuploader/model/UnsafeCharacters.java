package org.sermonuploader.model;

/** The characters no name may carry as they are: not into a key, nor raw onto a terminal. */
public final class UnsafeCharacters {
  private UnsafeCharacters() {}

  /**
   * Control characters, line and paragraph separators, direction overrides and the byte order mark:
   * what may not stand in a key, nor be printed raw on a terminal.
   */
  public static boolean unsafe(int c) {
    if (Character.isISOControl(c) || (Character.isSurrogate((char) c) && c <= 0xffff)) return true;
    int type = Character.getType(c);
    if (type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) return true;
    // bidirectional embeddings, overrides and isolates; the byte order mark
    return (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069)
        || c == 0x200e
        || c == 0x200f
        || c == 0xfeff;
  }
}
