package org.sermonuploader.ui.queue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.stage.Window;
import org.sermonuploader.engine.JobState;
import org.sermonuploader.engine.SermonDetails;
import org.sermonuploader.ui.kiosk.TouchDialogs;

/** The list of queued files. Each row's nodes are made once and kept while the row exists. */
public final class QueueView extends ListView<JobRowModel> {
  /** Asks before something that cannot be undone; tests may answer for the user. */
  public interface Confirm {
    boolean ask(Window owner, String title, String question, String yes, String no);
  }

  private final QueueViewModel model;
  private final Map<Long, JobRowView> views = new HashMap<>();
  // an extractor, so a row whose state changes is sorted and folded again
  private final ObservableList<JobRowModel> watched =
      FXCollections.observableArrayList(r -> new Observable[] {r.stateProperty()});
  private final FilteredList<JobRowModel> unfolded = new FilteredList<>(watched);
  private final SortedList<JobRowModel> shown = new SortedList<>(unfolded);
  private final BooleanProperty folded = new SimpleBooleanProperty(true);
  private final Label empty = new Label();
  private final QueueFooter footer;
  private boolean kiosk;
  private Confirm confirm =
      (owner, title, question, yes, no) ->
          TouchDialogs.confirm(owner, this.kiosk, title, question, yes, no);

  public QueueView(QueueViewModel model) {
    this.model = model;
    Bindings.bindContent(watched, model.rows());
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
    model
        .rows()
        .addListener(
            (ListChangeListener<JobRowModel>)
                c -> {
                  while (c.next()) {
                    for (JobRowModel r : c.getRemoved()) views.remove(r.id());
                  }
                });
    footer = new QueueFooter(watched, folded, model::clearFinished);
    folded.addListener((o, a, b) -> refold());
    setCellFactory(
        lv ->
            new ListCell<>() {
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
                } else {
                  setGraphic(
                      views.computeIfAbsent(
                          item.id(),
                          id -> {
                            JobRowView v = new JobRowView(item, actions);
                            v.setKiosk(kiosk);
                            return v;
                          }));
                }
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
    for (JobRowView v : views.values()) v.setKiosk(kiosk);
    empty.setText(
        kiosk
            ? "Tap above to add recordings, or plug in a USB stick. They appear in this list."
            : "Recordings you drop here appear in this list.");
    // on a small touch screen what needs a finger comes first, what is through is one line
    shown.setComparator(kiosk ? QueueView::byUrgency : null);
    footer.setKiosk(kiosk);
    refold();
  }

  private void refold() {
    boolean fold = kiosk && folded.get();
    unfolded.setPredicate(fold ? r -> !foldable(r) : null);
  }

  /** Finished rows that need nothing more: uploaded, or cancelled by the user. */
  static boolean foldable(JobRowModel r) {
    JobState st = r.stateProperty().get();
    return st.succeeded() || st == JobState.CANCELLED;
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
