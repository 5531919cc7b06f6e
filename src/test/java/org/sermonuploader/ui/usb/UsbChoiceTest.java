package org.sermonuploader.ui.usb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sermonuploader.model.OfferedRecording;
import org.sermonuploader.model.OfferedRecording.Status;
import org.sermonuploader.model.Recording;
import org.sermonuploader.model.Stick;
import org.sermonuploader.model.StickOffer;

class UsbChoiceTest {
  private static final Stick STICK =
      new Stick(Path.of("/media/pi/RECORDER"), "RECORDER", "uuid:1234");

  private static OfferedRecording rec(String name, int hour, Status s) {
    return new OfferedRecording(
        new Recording(
            STICK.mountPath().resolve(name),
            name,
            5L << 20,
            Instant.parse("2024-05-12T00:00:00Z").plusSeconds(hour * 3600L)),
        s);
  }

  @Test
  void aKnownStickWhoseNewRecordingsWereQueuedByThemselvesGetsANoteNotADialog() {
    UsbChoice c =
        new UsbChoice(
            new StickOffer(
                STICK,
                true,
                List.of(
                    rec("a.wav", 1, Status.QUEUED_AUTOMATICALLY),
                    rec("b.wav", 2, Status.QUEUED_AUTOMATICALLY),
                    rec("old.wav", 0, Status.IN_QUEUE))));
    assertEquals(UsbChoice.Kind.NOTE, c.kind());
    assertEquals("2 new recordings from the USB stick RECORDER were added to the list.", c.note());
  }

  @Test
  void onlyOldRecordingsGetAShortNoteNotADialog() {
    UsbChoice c =
        new UsbChoice(
            new StickOffer(
                STICK,
                true,
                List.of(
                    rec("a.wav", 1, Status.UPLOADED_BEFORE),
                    rec("b.wav", 2, Status.LEFT_OUT_BEFORE))));
    assertEquals(UsbChoice.Kind.NOTE, c.kind());
    assertEquals(
        "Nothing new on the USB stick RECORDER: everything on it is uploaded or in the list already.",
        c.note());
  }

  @Test
  void theNewOnesAreTickedNewestFirst() {
    UsbChoice c =
        new UsbChoice(
            new StickOffer(
                STICK,
                false,
                List.of(
                    rec("first.wav", 1, Status.NEW),
                    rec("second.wav", 5, Status.NEW),
                    rec("done.wav", 3, Status.UPLOADED_BEFORE))));
    assertEquals("2 new recordings on RECORDER", c.heading());
    assertEquals("Upload these 2 recordings", c.uploadNewText());
    assertEquals(
        List.of("second.wav", "done.wav", "first.wav"),
        c.rows().stream().map(o -> o.recording().name()).toList());
    assertEquals(
        List.of("second.wav", "first.wav"), c.chosen().stream().map(Recording::name).toList());
    assertEquals("uploaded before", UsbChoice.statusWords(Status.UPLOADED_BEFORE));
  }

  @Test
  void anEmptyStickSaysSo() {
    UsbChoice c = new UsbChoice(new StickOffer(STICK, false, List.of()));
    assertEquals(UsbChoice.Kind.NOTE, c.kind());
    assertEquals("The USB stick RECORDER has no recordings on it.", c.note());
  }
}
