package org.sermonuploader.usb;

import java.util.List;
import org.sermonuploader.model.Recording;
import org.sermonuploader.model.Stick;

/**
 * A stick was mounted (or was already there when watching started); its recordings, newest first.
 */
public record StickInserted(Stick stick, List<Recording> recordings) {
  public StickInserted {
    recordings = List.copyOf(recordings);
  }
}
