package org.sermonuploader.ui.library;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.sermonuploader.app.Library;
import org.sermonuploader.app.MigrateRecordings;
import org.sermonuploader.config.Units;
import org.sermonuploader.model.UploadListener;
import org.sermonuploader.ui.Background;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once a server is set up, offers to move the recordings the local store kept on this computer
 * there. Asked once per start: after "Not now" it stays quiet until the app starts again. The move
 * runs through the upload engine, so each recording shows in the queue as it goes.
 */
public final class MigrationOffer extends HBox {
  private static final Logger log = LoggerFactory.getLogger(MigrationOffer.class);

  /** What the offer says while the move runs. */
  static final String MOVING =
      "Moving the recordings to the server… Each shows in the list as it goes.";

  private final Supplier<Optional<Library>> library;
  private final Background background;
  private final Executor ui;
  private final UploadListener queue;
  private final Consumer<String> tell;
  private final Runnable afterwards;
  private final Label text = new Label();
  private final Button move = new Button("Move them");
  private final Button later = new Button("Not now");
  private volatile boolean declined;
  private volatile boolean moving;

  /**
   * @param queue sees the move's uploads (the queue's rows)
   * @param tell shows how the move ended
   * @param afterwards runs on the FX thread once the move ended (the history is read again)
   */
  public MigrationOffer(
      Supplier<Optional<Library>> library,
      Background background,
      Executor ui,
      UploadListener queue,
      Consumer<String> tell,
      Runnable afterwards) {
    this.library = library;
    this.background = background;
    this.ui = ui;
    this.queue = queue;
    this.tell = tell;
    this.afterwards = afterwards;
    setId("migrate-offer");
    getStyleClass().addAll("notice-banner", "migrate-offer");
    setAlignment(Pos.CENTER_LEFT);
    setSpacing(8);
    text.setId("migrate-offer-text");
    text.setWrapText(true);
    text.setMaxWidth(Double.MAX_VALUE);
    text.setMinHeight(Region.USE_PREF_SIZE);
    HBox.setHgrow(text, Priority.ALWAYS);
    move.setId("migrate-yes");
    move.getStyleClass().add("accent");
    move.setOnAction(e -> move());
    later.setId("migrate-no");
    later.setOnAction(
        e -> {
          declined = true;
          hide();
        });
    for (Region r : new Region[] {move, later}) r.setMinWidth(Region.USE_PREF_SIZE);
    getChildren().addAll(text, move, later);
    hide();
  }

  /** Looks, in the background, whether recordings wait on this computer, and offers them. */
  public void check() {
    Optional<Library> l = library.get();
    if (l.isEmpty() || declined || moving) return;
    background.run(
        () -> {
          try {
            l.get()
                .keptHere()
                .ifPresent(
                    kept ->
                        ui.execute(
                            () -> {
                              if (declined || moving) return;
                              text.setText(
                                  Library.recordings(kept.count())
                                      + " ("
                                      + Units.size(kept.bytes())
                                      + ") "
                                      + (kept.count() == 1 ? "is" : "are")
                                      + " kept on this computer. Move them to the server?");
                              setVisible(true);
                              setManaged(true);
                            }));
          } catch (Exception e) {
            log.warn("The local store could not be looked at", e);
          }
        });
  }

  /** The offer as shown, or "" when none is. FX thread. */
  public String offerText() {
    return isVisible() ? text.getText() : "";
  }

  private void move() {
    Optional<Library> l = library.get();
    if (l.isEmpty() || moving) {
      hide();
      return;
    }
    moving = true;
    // at once: the first row of the move may take a while to show
    text.setText(MOVING);
    move.setText("Moving…");
    move.setDisable(true);
    later.setDisable(true);
    background.run(
        () -> {
          String end;
          try {
            MigrateRecordings.Outcome o =
                new MigrateRecordings(l.get().service(), Clock.systemUTC())
                    .run(kept -> {}, queue, new Quiet(), note -> log.warn("Move: {}", note));
            end = words(o);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end = "Moving the recordings was stopped; the rest stay on this computer.";
          } catch (Exception e) {
            log.warn("Moving the recordings stopped", e);
            end =
                "Moving the recordings stopped: "
                    + e.getMessage()
                    + " Those not moved are still on this computer and are offered again at the"
                    + " next start.";
          }
          moving = false;
          String said = end;
          ui.execute(
              () -> {
                hide();
                move.setText("Move them");
                move.setDisable(false);
                later.setDisable(false);
                tell.accept(said);
                afterwards.run();
              });
        });
  }

  static String words(MigrateRecordings.Outcome o) {
    StringBuilder b = new StringBuilder();
    if (o.moved() > 0) {
      b.append("Moved ")
          .append(Library.recordings(o.moved()))
          .append(
              " to the server; each was checked there before the copy on this computer was"
                  + " deleted.");
    }
    List<MigrateRecordings.Left> left = o.notMoved();
    if (!left.isEmpty()) {
      List<String> named = new ArrayList<>();
      for (MigrateRecordings.Left n : left) named.add(n.localKey() + " (" + n.reason() + ")");
      if (b.length() > 0) b.append(' ');
      b.append(Library.recordings(left.size()))
          .append(left.size() == 1 ? " is" : " are")
          .append(" still on this computer: ")
          .append(String.join("; ", named))
          .append(".");
    }
    return b.length() == 0 ? "No recordings were waiting on this computer." : b.toString();
  }

  private void hide() {
    setVisible(false);
    setManaged(false);
  }

  /** The queue's rows show the move; the read-back of each copy needs no words of its own. */
  private static final class Quiet implements MigrateRecordings.Lines {
    @Override
    public void checking(String serverKey, long done, long size) {}

    @Override
    public void moved(String localKey, String serverKey) {}

    @Override
    public void notMoved(String localKey, String reason) {}
  }
}
