package org.sermonuploader.ui.queue;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;

/**
 * What the volunteer is told when uploads end: one message per failure, one when everything is
 * through, not one per file. A pop-up on the desktop; in kiosk mode the big banner instead, since a
 * pop-up's small text and close box are no good on a touch screen.
 */
public final class FinishNotices {
  private final QueueViewModel queue;
  private final Supplier<Window> owner;
  private final Consumer<String> banner;
  private final BooleanSupplier kiosk;
  private boolean popups = true;

  public FinishNotices(
      QueueViewModel queue,
      Supplier<Window> owner,
      Consumer<String> banner,
      BooleanSupplier kiosk) {
    this.queue = queue;
    this.owner = owner;
    this.banner = banner;
    this.kiosk = kiosk;
  }

  /** Turns the pop-ups off (tests, screenshots of dialogs); the kiosk banner stays. */
  public void setPopups(boolean on) {
    this.popups = on;
  }

  /** Called on the FX thread when a job has finished. */
  public void finished(JobSnapshot s) {
    String title;
    String text;
    boolean failed = s.state() == JobState.FAILED;
    if (failed) {
      title = "Upload failed";
      text = s.fileName() + ": " + s.message();
    } else if (queue.allFinished()) {
      int ok = queue.uploadedCount();
      title = "Uploads finished";
      text = ok == 1 ? "1 recording is on the server." : ok + " recordings are on the server.";
    } else {
      return;
    }
    if (kiosk.getAsBoolean()) {
      banner.accept(title + ": " + text);
      return;
    }
    Window window = owner.get();
    if (!popups || window == null || !window.isShowing()) return;
    Notifications n =
        Notifications.create()
            .owner(window)
            .hideAfter(Duration.seconds(6))
            // at the top: at the bottom right they covered the memory gauge in the status bar
            .position(Pos.TOP_RIGHT)
            .title(title)
            .text(text);
    if (failed) n.showError();
    else n.showInformation();
  }
}
