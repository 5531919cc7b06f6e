package org.sermonuploader.ui.queue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.stage.Window;
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
  private boolean kiosk;
  private Confirm confirm =
      (owner, title, question, yes, no) ->
          TouchDialogs.confirm(owner, this.kiosk, title, question, yes, no);

  public QueueView(QueueViewModel model) {
    super(model.rows());
    this.model = model;
    getStyleClass().add("queue");
    setId("queue");
    Label empty = new Label("Recordings you drop here appear in this list.");
    empty.getStyleClass().add("queue-empty");
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
                  setGraphic(views.computeIfAbsent(item.id(), id -> new JobRowView(item, actions)));
                }
              }
            });
  }

  public void setConfirm(Confirm confirm) {
    this.confirm = confirm;
  }

  /** In kiosk mode removing a row asks first too, and the questions come in big windows. */
  public void setKiosk(boolean kiosk) {
    this.kiosk = kiosk;
  }

  public QueueViewModel model() {
    return model;
  }
}
