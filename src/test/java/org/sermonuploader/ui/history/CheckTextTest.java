package org.sermonuploader.ui.history;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.sermonuploader.journal.Checks;
import org.sermonuploader.library.Verifier;

class CheckTextTest {
  @Test
  void anUnstableReadIsNamedInTheHistoryRow() {
    String text =
        CheckText.of(
            new Checks.Check(
                "x1.wav",
                "bucket sermons on http://s",
                Verifier.Outcome.UNSTABLE_READ.name(),
                "two reads gave SHA-256 a and b",
                Instant.parse("2026-12-06T10:00:00Z")));
    assertTrue(text.startsWith("✗ unstable read, checked 2026-12-0"), text);
  }
}
