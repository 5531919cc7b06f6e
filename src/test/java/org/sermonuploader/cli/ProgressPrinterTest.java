package org.sermonuploader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.SermonDetails;

class ProgressPrinterTest {

  private static String printed(JobSnapshot s) {
    StringWriter text = new StringWriter();
    new ProgressPrinter(new PrintWriter(text), false).jobChanged(s);
    return text.toString();
  }

  private static JobSnapshot done(String name, String key, String message) {
    return new JobSnapshot(
        1,
        Path.of("/rec", name),
        name,
        40_000_000,
        key,
        JobState.DONE,
        40_000_000,
        0,
        -1,
        message,
        null,
        "ab12",
        SermonDetails.NONE,
        3,
        0);
  }

  @Test
  void aNoteUnderAFinishedUploadGoesOnItsOwnLine() {
    String out =
        printed(
            done(
                "Easter.wav",
                "Easter (2).wav",
                "Another station stored a recording as Easter.wav at the same moment."));

    assertThat(out.lines().toList())
        .hasSize(2)
        .satisfies(
            lines -> {
              assertThat(lines.get(0)).startsWith("uploaded  Easter.wav -> Easter (2).wav  (");
              assertThat(lines.get(1))
                  .isEqualTo(
                      "  Another station stored a recording as Easter.wav at the same moment.");
            });
  }

  @Test
  void aLineBreakInAFileNameIsShownEscapedOnTheSameLine() {
    String out = printed(done("Easter\n\u001b[2J.wav", "Easter.wav", null));

    assertThat(out.lines().toList())
        .singleElement()
        .asString()
        .startsWith("uploaded  Easter\\n\\e[2J.wav -> Easter.wav  (");
  }
}
