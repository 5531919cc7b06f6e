package org.sermonuploader.ui.history;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.sermonuploader.model.CheckOutcome;
import org.sermonuploader.model.RecordingCheck;

class CheckTextTest {
  @Test
  void anUnstableReadIsNamedInTheHistoryRow() {
    String text =
        CheckText.of(
            new RecordingCheck(
                "x1.wav",
                "bucket sermons on http://s",
                CheckOutcome.UNSTABLE_READ,
                "two reads gave SHA-256 a and b",
                Instant.parse("2026-12-06T10:00:00Z")));
    assertTrue(text.startsWith("✗ unstable read, checked 2026-12-0"), text);
  }
}
