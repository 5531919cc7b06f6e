package org.sermonuploader.app;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.Recording;
import org.sermonuploader.model.Stick;
import org.sermonuploader.usb.UsbUploads;

/** The USB dialog's "Upload" on the running uploader: the chosen recordings of a stick queued. */
public final class StickUploads {
  private final UsbUploads usb;

  private StickUploads(UsbUploads usb) {
    this.usb = usb;
  }

  static StickUploads of(UsbUploads usb) {
    return new StickUploads(usb);
  }

  /**
   * Queues the chosen recordings (in the order given) and remembers the stick as known. Safe to
   * call from the FX thread; the future completes with the jobs, one per recording.
   */
  public CompletableFuture<List<JobSnapshot>> upload(Stick stick, List<Recording> chosen) {
    return usb.upload(stick, chosen);
  }
}
