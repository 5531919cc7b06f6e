package org.sermonuploader.usb;

import org.sermonuploader.model.Stick;
import org.sermonuploader.model.Recording;
import java.util.List;

/**
 * A stick was mounted (or was already there when watching started); its recordings, newest first.
 */
public record StickInserted(Stick stick, List<Recording> recordings) {
  public StickInserted {
    recordings = List.copyOf(recordings);
  }
}
