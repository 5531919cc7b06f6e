package org.sermonuploader.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sermonuploader.model.JobState;

/** Every message a volunteer can see must be explained in docs/troubleshooting.md. */
class TroubleshootingDocTest {
  private static final Pattern RAISED =
      Pattern.compile(
          "(?:fatal|retryable|UploadException\\(UploadException\\.Kind\\.[A-Z_]+,)\\s*\\(?\\s*\"([^\"]+)\"");

  @Test
  void everyUploadErrorMessageInTheCodeIsExplained() throws Exception {
    String doc = Files.readString(Path.of("docs/troubleshooting.md"));
    List<String> missing = new ArrayList<>();
    int found = 0;
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
        Matcher m = RAISED.matcher(Files.readString(f));
        while (m.find()) {
          found++;
          String literal = m.group(1).strip();
          if (!doc.contains(literal)) missing.add(literal + "  (" + f.getFileName() + ")");
        }
      }
    }
    assertTrue(found > 40, "the scan found the messages: " + found);
    assertTrue(missing.isEmpty(), "not in docs/troubleshooting.md:\n" + String.join("\n", missing));
  }

  @Test
  void everyStateAVolunteerSeesIsExplained() throws Exception {
    String doc = Files.readString(Path.of("docs/troubleshooting.md"));
    for (JobState s : JobState.values()) {
      assertTrue(doc.contains("| " + s.words()), "state '" + s.words() + "' is not in the table");
    }
  }
}
