package org.sermonuploader.ui.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.SermonDetails;
import org.sermonuploader.ui.kiosk.TouchDialogs;

/**
 * The list of queued files, virtualised: a cell's nodes ({@link JobRowView}) are made once per
 * visible line and shown again for whichever row scrolls into it, so 2,000 queued recordings cost
 * the nodes of a screenful. Uploaded and cancelled rows fold into the "N done" line under it.
 */
public final class QueueView extends ListView<JobRowModel> {
  /** Asks before something that cannot be undone; tests may answer for the user. */
  public interface Confirm {
    boolean ask(@Nullable Window owner, String title, String question, String yes, String no);
  }

  private final QueueViewModel model;
  private final List<JobRowView> views = new ArrayList<>();
  private final FilteredList<JobRowModel> unfolded;
  private final SortedList<JobRowModel> shown;

  /**
   * On the desktop a few finished rows stay in sight with their "done ✓"; past this many they fold
   * into the "N done" line, as on the kiosk's small screen at once.
   */
  static final int DESKTOP_FOLD_AFTER = 10;

  private final BooleanProperty folded = new SimpleBooleanProperty(true);
  private final BooleanProperty foldOffered = new SimpleBooleanProperty();
  private final Label empty = new Label();
  private final QueueFooter footer;
  private boolean kiosk;
  private Confirm confirm =
      (owner, title, question, yes, no) ->
          TouchDialogs.confirm(owner, this.kiosk, title, question, yes, no);

  public QueueView(QueueViewModel model) {
    this.model = model;
    // the model's list re-reports a row whose state changes, so it is folded and sorted again
    unfolded = new FilteredList<>(model.rows());
    shown = new SortedList<>(unfolded);
    setItems(shown);
    getStyleClass().add("queue");
    setId("queue");
    empty.getStyleClass().add("queue-empty");
    empty.setWrapText(true);
    setPlaceholder(empty);
    setFocusTraversable(false);
    JobRowView.Actions actions =
        new JobRowView.Actions() {
          @Override
          public void pause(JobRowModel row) {
            model.pause(row.id());
          }

          @Override
          public void resume(JobRowModel row) {
            model.resume(row.id());
          }

          @Override
          public void cancel(JobRowModel row) {
            if (confirm.ask(
                getScene() == null ? null : getScene().getWindow(),
                "Cancel upload",
                "Stop uploading "
                    + row.nameProperty().get()
                    + "? The part already on the server is removed.",
                "Cancel upload",
                "Keep uploading")) {
              model.cancel(row.id());
            }
          }

          @Override
          public void retry(JobRowModel row) {
            model.retry(row.id());
          }

          @Override
          public void remove(JobRowModel row) {
            // on a shared touch screen a stray tap must not clear someone's failed upload away
            if (!kiosk
                || confirm.ask(
                    getScene() == null ? null : getScene().getWindow(),
                    "Remove from the list",
                    "Remove "
                        + row.nameProperty().get()
                        + " from the list? The history keeps finished uploads.",
                    "Remove",
                    "Keep it")) {
              model.remove(row.id());
            }
          }

          @Override
          public void editDetails(JobRowModel row) {
            Optional<SermonDetails> d =
                DetailsDialog.show(
                    getScene() == null ? null : getScene().getWindow(), row.snapshot(), kiosk);
            d.ifPresent(details -> model.setDetails(row.id(), details));
          }
        };
    footer = new QueueFooter(model.doneCountProperty(), folded, foldOffered, model::clearFinished);
    folded.addListener((o, a, b) -> refold());
    foldOffered.addListener((o, a, b) -> refold());
    model.doneCountProperty().addListener((o, a, b) -> offerFold());
    setCellFactory(
        lv ->
            new ListCell<>() {
              private @Nullable JobRowView view;

              {
                // rows take the list's width and shorten their names, never a sideways scroll bar
                setPrefWidth(0);
              }

              @Override
              protected void updateItem(JobRowModel item, boolean empty) {
                super.updateItem(item, empty);
                setText(null);
                if (empty || item == null) {
                  setGraphic(null);
                  return;
                }
                if (view == null) {
                  view = new JobRowView(item, actions);
                  views.add(view);
                } else {
                  view.show(item);
                }
                view.setKiosk(kiosk);
                // the list also fills a hidden cell to measure rows it does not show: the
                // recording's length is read for rows on the screen only
                if (getParent() == null || getParent().isVisible()) model.readDuration(item);
                setGraphic(view);
              }
            });
    setKiosk(false);
  }

  /** The line under the list: the folded finished rows and "Clear finished". */
  public QueueFooter footer() {
    return footer;
  }

  /** The rows in the order and number the list shows them. */
  public ObservableList<JobRowModel> shownRows() {
    return shown;
  }

  public void setConfirm(Confirm confirm) {
    this.confirm = confirm;
  }

  /** In kiosk mode removing a row asks first too, and the questions come in big windows. */
  public void setKiosk(boolean kiosk) {
    this.kiosk = kiosk;
    for (JobRowView v : views) v.setKiosk(kiosk);
    empty.setText(
        kiosk
            ? "Tap above to add recordings, or plug in a USB stick. They appear in this list."
            : "Recordings you drop here appear in this list.");
    // what is uploading first, then what waits, what is through last: new files and the running
    // upload stay in view however many rows are done
    shown.setComparator(QueueView::byUrgency);
    offerFold();
    refold();
  }

  private void offerFold() {
    foldOffered.set(kiosk || model.doneCountProperty().get() > DESKTOP_FOLD_AFTER);
  }

  private void refold() {
    unfolded.setPredicate(foldOffered.get() && folded.get() ? r -> !foldable(r) : null);
  }

  /** Finished rows that need nothing more: uploaded, or cancelled by the user. */
  static boolean foldable(JobRowModel r) {
    return QueueViewModel.foldable(r.stateProperty().get());
  }

  private static int byUrgency(JobRowModel a, JobRowModel b) {
    int c = Integer.compare(rank(a.stateProperty().get()), rank(b.stateProperty().get()));
    return c != 0 ? c : Long.compare(a.id(), b.id());
  }

  private static int rank(JobState st) {
    return switch (st) {
      case UPLOADING, VERIFYING, PAUSING, CANCELLING -> 0;
      case WAITING_FOR_FILE, WAITING_FOR_SERVER, PAUSED_LOW_MEMORY -> 1;
      case QUEUED -> 2;
      case PAUSED -> 3;
      case FAILED -> 4;
      default -> 5;
    };
  }

  public QueueViewModel model() {
    return model;
  }
}
