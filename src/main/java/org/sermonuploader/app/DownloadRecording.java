package org.sermonuploader.app;

import java.io.IOException;
import java.nio.file.Path;
import org.sermonuploader.engine.JournalException;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.library.Download;
import org.sermonuploader.model.HistoryEntry;

/**
 * Save a copy, the use case: writes a stored recording to a file, checked against the SHA-256 this
 * station recorded when it uploaded it (or the one stored with the object), for the window's "Save
 * a copy…" and the command line's `download` alike.
 */
public final class DownloadRecording {
  /** Which recording ({@code key}, its stored name) goes to which {@code file}. */
  public record Request(String key, Path file) {}

  private final UploadService service;

  public DownloadRecording(UploadService service) {
    this.service = service;
  }

  public Download.Outcome run(Request request, Download.Progress progress)
      throws UploadException, JournalException, IOException, InterruptedException {
    String recorded =
        service.journal().history().stream()
            .filter(h -> request.key().equals(h.key()) && h.sha256() != null)
            .map(HistoryEntry::sha256)
            .reduce((a, b) -> b)
            .orElse(null);
    return Download.run(service.transfer(), request.key(), request.file(), recorded, progress);
  }
}
