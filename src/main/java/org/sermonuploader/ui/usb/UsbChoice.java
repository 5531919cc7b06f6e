package org.sermonuploader.ui.usb;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.sermonuploader.config.Units;
import org.sermonuploader.model.OfferedRecording;
import org.sermonuploader.model.Recording;
import org.sermonuploader.model.StickOffer;

/**
 * What the USB dialog shows for one offered stick and what the volunteer ticked, without any FX.
 * The new recordings are ticked to start with; "Choose…" lets the volunteer change that.
 */
final class UsbChoice {
  /** What to do with an offer: the dialog, a one-line note, or nothing at all. */
  enum Kind {
    DIALOG,
    NOTE
  }

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ENGLISH)
          .withZone(ZoneId.systemDefault());

  private final StickOffer offer;
  private final List<OfferedRecording> rows;
  private final Set<Path> chosen = new LinkedHashSet<>();

  UsbChoice(StickOffer offer) {
    this.offer = offer;
    List<OfferedRecording> sorted = new ArrayList<>(offer.recordings());
    sorted.sort(Comparator.comparing((OfferedRecording o) -> o.recording().modified()).reversed());
    this.rows = List.copyOf(sorted);
    for (Recording r : offer.toChoose()) chosen.add(r.path());
  }

  StickOffer offer() {
    return offer;
  }

  String label() {
    return offer.stick().label();
  }

  /** Every recording on the stick, newest first. */
  List<OfferedRecording> rows() {
    return rows;
  }

  /**
   * The dialog when there is something new; a note when everything is in hand already (a window
   * with only Cancel to press would be in the way). What was uploaded before can still be picked
   * with Add files.
   */
  Kind kind() {
    return newOnes().isEmpty() ? Kind.NOTE : Kind.DIALOG;
  }

  /** The note for {@link Kind#NOTE}. */
  String note() {
    int auto = offer.queuedAutomatically().size();
    if (auto > 0) {
      return (auto == 1 ? "1 new recording" : auto + " new recordings")
          + " from the USB stick "
          + label()
          + (auto == 1 ? " was" : " were")
          + " added to the list.";
    }
    if (rows.isEmpty()) return "The USB stick " + label() + " has no recordings on it.";
    return "Nothing new on the USB stick "
        + label()
        + ": everything on it is uploaded or in the list already.";
  }

  /** Whether a recording can be ticked: not when it is in the list already. */
  static boolean choosable(OfferedRecording o) {
    return o.status() != OfferedRecording.Status.IN_QUEUE
        && o.status() != OfferedRecording.Status.QUEUED_AUTOMATICALLY;
  }

  /** The recordings nobody has uploaded or queued yet, newest first. */
  List<Recording> newOnes() {
    List<Recording> out = new ArrayList<>();
    for (OfferedRecording o : rows)
      if (o.status() == OfferedRecording.Status.NEW) out.add(o.recording());
    return out;
  }

  boolean isChosen(Recording r) {
    return chosen.contains(r.path());
  }

  void choose(Recording r, boolean on) {
    if (on) chosen.add(r.path());
    else chosen.remove(r.path());
  }

  /** The ticked recordings, newest first. */
  List<Recording> chosen() {
    List<Recording> out = new ArrayList<>();
    for (OfferedRecording o : rows)
      if (chosen.contains(o.recording().path())) out.add(o.recording());
    return out;
  }

  String heading() {
    int n = newOnes().size();
    return (n == 1 ? "1 new recording" : n + " new recordings") + " on " + label();
  }

  /** The big button: upload the new ones. */
  String uploadNewText() {
    int n = newOnes().size();
    return n == 1 ? "Upload this 1 recording" : "Upload these " + n + " recordings";
  }

  /** The big button once the volunteer picks for themselves. */
  String uploadChosenText() {
    int n = chosen.size();
    if (n == 0) return "Tick the recordings to upload";
    return n == 1 ? "Upload the 1 ticked recording" : "Upload the " + n + " ticked recordings";
  }

  static String describe(Recording r) {
    return Units.size(r.size()) + " · " + WHEN.format(r.modified());
  }

  static String statusWords(OfferedRecording.Status s) {
    switch (s) {
      case NEW:
        return "new";
      case LEFT_OUT_BEFORE:
        return "left out last time";
      case UPLOADED_BEFORE:
        return "uploaded before";
      case IN_QUEUE:
        return "in the list";
      case QUEUED_AUTOMATICALLY:
      default:
        return "added to the list";
    }
  }
}
