package org.sermonuploader.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigurationReferenceTest {
  @Test
  void docsConfigurationMdMatchesTheSettingsInTheCode() throws Exception {
    String expected = ConfigurationReference.markdown();
    String actual = Files.readString(Path.of("docs/configuration.md"));
    assertEquals(
        expected,
        actual,
        "docs/configuration.md is out of date: regenerate it with "
            + "java -cp target/classes org.sermonuploader.config.ConfigurationReference");
  }
}
