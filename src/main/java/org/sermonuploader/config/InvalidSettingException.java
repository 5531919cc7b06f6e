package org.sermonuploader.config;

import org.jspecify.annotations.Nullable;

/** A setting holds a value the app cannot use; the message is meant for the person who set it. */
public class InvalidSettingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Setting setting;

  public InvalidSettingException(Setting setting, @Nullable String problem) {
    super(setting.name() + ": " + problem);
    this.setting = setting;
  }

  public Setting setting() {
    return setting;
  }
}
