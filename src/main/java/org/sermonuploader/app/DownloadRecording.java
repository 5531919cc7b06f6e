package org.sermonuploader.app;

import java.io.IOException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
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

  /** How a copy ended, as a face needs to tell it. */
  public enum Ending {
    SAVED,
    /** The file is there already; nothing was written. */
    FILE_EXISTS,
    /** Not on the server. */
    MISSING,
    /** The copy's SHA-256 is not the one recorded: it is kept as the part file, not finished. */
    DIFFERS,
    /** Too little room on the disk. */
    NO_ROOM
  }

  /** How it ended, with words for the volunteer and the file they concern. */
  public record Saved(Ending ending, String message, @Nullable Path file) {}

  /** Told how many of the recording's bytes the copy holds as it grows. */
  public interface Progress {
    void at(long done, long size);
  }

  private final UploadService service;

  public DownloadRecording(UploadService service) {
    this.service = service;
  }

  /** The file a key is saved as when no name is given: its last path segment. */
  public static Path defaultFile(String key) {
    return Download.defaultFile(key);
  }

  /** Where the copy grows until it is complete and checked. */
  public static Path partFile(Path file) {
    return Download.partFile(file);
  }

  /**
   * Saves the copy; {@code progress} hears how far it is. A server that stops answering leaves the
   * part file, which the next run continues.
   */
  public Saved save(Request request, Progress progress)
      throws UploadException, JournalException, IOException, InterruptedException {
    String recorded =
        service.journal().history().stream()
            .filter(h -> request.key().equals(h.key()) && h.sha256() != null)
            .map(HistoryEntry::sha256)
            .reduce((a, b) -> b)
            .orElse(null);
    Download.Outcome o =
        Download.run(service.transfer(), request.key(), request.file(), recorded, progress::at);
    Ending ending =
        switch (o.result()) {
          case DONE -> Ending.SAVED;
          case EXISTS -> Ending.FILE_EXISTS;
          case MISSING -> Ending.MISSING;
          case DIFFERS -> Ending.DIFFERS;
          case NO_ROOM -> Ending.NO_ROOM;
        };
    return new Saved(ending, o.message(), o.file());
  }
}
