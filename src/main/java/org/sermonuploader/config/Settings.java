package org.sermonuploader.config;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An immutable set of values for {@link Setting}s. Later layers win: defaults, then the settings
 * files, then the environment, then command-line options.
 */
public final class Settings {
  private final Map<Setting, String> values;

  private Settings(Map<Setting, String> values) {
    this.values = Collections.unmodifiableMap(new EnumMap<>(values));
  }

  public static Settings defaults() {
    return new Settings(new EnumMap<>(Setting.class));
  }

  /** Values set explicitly (not defaults). */
  public Map<Setting, String> explicitValues() {
    return values;
  }

  public Settings with(Setting setting, @Nullable String value) {
    EnumMap<Setting, String> copy = new EnumMap<>(Setting.class);
    copy.putAll(values);
    if (value == null) copy.remove(setting);
    else copy.put(setting, value);
    return new Settings(copy);
  }

  /** Overlays every value from a map keyed by setting name; unknown names are ignored. */
  public Settings overlay(Map<String, String> byName) {
    EnumMap<Setting, String> copy = new EnumMap<>(Setting.class);
    copy.putAll(values);
    for (Setting s : Setting.values()) {
      String v = byName.get(s.name());
      if (v != null && !v.isBlank()) copy.put(s, v.trim());
    }
    return new Settings(copy);
  }

  public String get(Setting setting) {
    String v = values.get(setting);
    return v == null ? setting.defaultValue() : v;
  }

  public Optional<String> optional(Setting setting) {
    String v = get(setting);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
  }

  public boolean isSet(Setting setting) {
    return optional(setting).isPresent();
  }

  public int getInt(Setting setting) {
    String v = get(setting);
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new InvalidSettingException(setting, "'" + v + "' is not a whole number");
    }
  }

  public double getDouble(Setting setting) {
    String v = get(setting);
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new InvalidSettingException(setting, "'" + v + "' is not a number");
    }
  }

  public long getBytes(Setting setting) {
    try {
      return ByteSize.parse(get(setting));
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(setting, e.getMessage());
    }
  }

  public boolean getBoolean(Setting setting) {
    String v = get(setting).trim().toLowerCase(java.util.Locale.ROOT);
    return v.equals("true") || v.equals("yes") || v.equals("1") || v.equals("on");
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Settings{");
    values.forEach((k, v) -> sb.append(k).append('=').append(k.secret() ? "***" : v).append(", "));
    return sb.append('}').toString();
  }
}
