package org.sermonuploader.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A stored recording's last check, kept across restarts: the history's "Checked" column. */
public record RecordingCheck(
    String key,
    String destination,
    CheckOutcome outcome,
    @Nullable String detail,
    Instant checkedAt) {}
