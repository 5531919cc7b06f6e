package org.sermonuploader.model;

import java.util.List;

/**
 * What the USB dialog shows for an inserted stick: every recording on it, newest first, each with
 * its status. {@link #toChoose()} are the ones to tick for "Upload these N recordings".
 *
 * @param known recordings were taken from this stick before (the app remembers such sticks)
 */
public record StickOffer(Stick stick, boolean known, List<OfferedRecording> recordings) {
  public StickOffer {
    recordings = List.copyOf(recordings);
  }

  /** The recordings nobody has uploaded or queued yet and that are new on the stick. */
  public List<Recording> toChoose() {
    return with(OfferedRecording.Status.NEW);
  }

  /** The recordings queued without asking; when this is all there was, a short note is enough. */
  public List<Recording> queuedAutomatically() {
    return with(OfferedRecording.Status.QUEUED_AUTOMATICALLY);
  }

  public List<Recording> all() {
    return recordings.stream().map(OfferedRecording::recording).toList();
  }

  private List<Recording> with(OfferedRecording.Status status) {
    return recordings.stream()
        .filter(o -> o.status() == status)
        .map(OfferedRecording::recording)
        .toList();
  }
}
