package org.sermonuploader.engine;

/** Checks on a server address as a person typed it, shared by the S3 and tus settings. */
public final class ServerAddress {
  private ServerAddress() {}

  /**
   * Whether the address carries a user name or password ("http://user:secret@host:9000"). An
   * address is shown in messages, written to the log and kept with each upload, so a password in it
   * would leak everywhere; credentials belong in the secret settings.
   */
  public static boolean hasUserInfo(String address) {
    String a = address.trim();
    int scheme = a.indexOf("://");
    String rest = scheme < 0 ? a : a.substring(scheme + 3);
    int end = rest.length();
    for (char c : new char[] {'/', '?', '#'}) {
      int i = rest.indexOf(c);
      if (i >= 0 && i < end) end = i;
    }
    return rest.substring(0, end).contains("@");
  }
}
