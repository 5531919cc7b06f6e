package org.sermonuploader.config;

/**
 * Renders docs/configuration.md from {@link Setting}, so the reference cannot drift from the code.
 */
public final class ConfigurationReference {
  private ConfigurationReference() {}

  public static String markdown() {
    StringBuilder b = new StringBuilder();
    b.append("# Configuration reference\n\n");
    b.append(
        "Every setting can be given as an environment variable or as a line `NAME=value` in\n");
    b.append("`settings.properties` in the data directory (`SERMON_UPLOADER_HOME`, by default\n");
    b.append(
        "`~/.local/share/sermon-uploader`). Secrets go in `secrets.properties` beside it, which the app\n");
    b.append(
        "keeps readable only by its owner (0600). Command-line options win over the environment, which\n");
    b.append("wins over the files. The settings dialog writes the same files.\n\n");
    b.append(
        "This page is generated from the code (`ConfigurationReference`); a test fails if it is out of date.\n\n");
    b.append("| name | default | secret | what it does |\n|---|---|---|---|\n");
    for (Setting s : Setting.values()) {
      String def = s.defaultValue().isEmpty() ? "" : "`" + s.defaultValue() + "`";
      b.append("| ")
          .append(s.name())
          .append(" | ")
          .append(def)
          .append(" | ")
          .append(s.secret() ? "yes" : "")
          .append(" | ")
          .append(s.description().replace("|", "\\|"))
          .append(" |\n");
    }
    b.append("\nOther environment variables: `SERMON_UPLOADER_HOME` (the data directory).\n");
    return b.toString();
  }

  public static void main(String[] args) throws java.io.IOException {
    java.nio.file.Files.writeString(
        java.nio.file.Path.of(args.length > 0 ? args[0] : "docs/configuration.md"), markdown());
  }
}
