package org.sermonuploader.ui.usb;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.app.StickUploads;
import org.sermonuploader.model.Recording;
import org.sermonuploader.model.Stick;
import org.sermonuploader.model.StickOffer;
import org.sermonuploader.model.StickOfferListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns stick offers into USB dialogs: one per stick, replaced when the stick is offered again,
 * closed when it is pulled out. Offers arrive on the USB thread and are handed to the FX thread.
 */
public final class UsbPrompts {
  private static final Logger log = LoggerFactory.getLogger(UsbPrompts.class);

  private final Supplier<Window> owner;
  private final Consumer<String> note;
  private final BooleanSupplier kiosk;

  /** Open dialogs by the stick's mount point; touched on the FX thread only. */
  private final Map<Path, UsbOfferDialog> open = new HashMap<>();

  /**
   * What each stick still plugged in was offered (its new recordings), so a backend opened again
   * (settings saved) does not offer it a second time. Forgotten when the stick is pulled out.
   */
  private final Map<Path, Set<Path>> seen = new HashMap<>();

  /** The sticks plugged in now, by mount point, for the touch chooser's buttons. FX thread. */
  private final Map<Path, Stick> plugged = new LinkedHashMap<>();

  /**
   * @param owner the main window, or null while it is not shown
   * @param note shows a line in the main window (what was added, what was queued by itself)
   */
  public UsbPrompts(Supplier<Window> owner, Consumer<String> note, BooleanSupplier kiosk) {
    this.owner = owner;
    this.note = note;
    this.kiosk = kiosk;
  }

  /**
   * The listener for one backend's sticks; its dialogs queue through that backend's {@code usb}.
   */
  public StickOfferListener listenerFor(StickUploads usb) {
    return new StickOfferListener() {
      @Override
      public void stickOffered(StickOffer offer) {
        Platform.runLater(() -> offered(offer, usb));
      }

      @Override
      public void stickRemoved(Stick stick) {
        Platform.runLater(() -> removed(stick));
      }
    };
  }

  private void offered(StickOffer offer, StickUploads usb) {
    UsbChoice choice = new UsbChoice(offer);
    Path mount = offer.stick().mountPath();
    Set<Path> fresh = new HashSet<>();
    for (Recording r : choice.newOnes()) fresh.add(r.path());
    Set<Path> before = seen.put(mount, fresh);
    plugged.put(mount, offer.stick());
    UsbOfferDialog old = open.remove(mount);
    if (old != null) old.close();
    else if (before != null && before.containsAll(fresh)) {
      log.info(
          "USB stick {} offered again with nothing new: not asked again", offer.stick().label());
      return;
    }
    if (choice.kind() == UsbChoice.Kind.NOTE) {
      note.accept(choice.note());
      return;
    }
    log.info(
        "USB stick {} offered: {} recording(s), {} new",
        offer.stick().label(),
        offer.recordings().size(),
        choice.newOnes().size());
    UsbOfferDialog dialog =
        new UsbOfferDialog(
            choice,
            owner.get(),
            kiosk.getAsBoolean(),
            chosen -> usb.upload(offer.stick(), chosen),
            note);
    dialog.stage().setOnHidden(e -> open.remove(mount, dialog));
    open.put(mount, dialog);
    dialog.show();
  }

  private void removed(Stick stick) {
    seen.remove(stick.mountPath());
    plugged.remove(stick.mountPath());
    UsbOfferDialog d = open.remove(stick.mountPath());
    if (d != null) {
      log.info("USB stick {} removed: its dialog closes", stick.label());
      d.close();
    }
  }

  /** The USB sticks plugged in now, in the order they came. FX thread. */
  public List<Stick> plugged() {
    return List.copyOf(plugged.values());
  }

  /** The dialog open for the stick mounted at {@code mount}, or null. FX thread. */
  @Nullable UsbOfferDialog dialogFor(Path mount) {
    return open.get(mount);
  }

  /** Any open USB dialog, or null. FX thread. */
  @Nullable UsbOfferDialog anyOpen() {
    return open.isEmpty() ? null : open.values().iterator().next();
  }
}
