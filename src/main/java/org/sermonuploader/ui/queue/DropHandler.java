package org.sermonuploader.ui.queue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.app.UploadQueue;
import org.sermonuploader.app.UploadRecordings;
import org.sermonuploader.ui.Background;

/**
 * What happens to files and folders dropped on the window or picked with "Add files…". The FX side
 * only hands the paths over; expanding folders and queueing run in the background.
 */
public final class DropHandler {
  /** What a drop did, for a short message under the drop zone. */
  public record Outcome(
      int added,
      int alreadyQueued,
      List<UploadRecordings.Skipped> refused,
      @Nullable String problem) {
    /** One or two short sentences in plain words. */
    public String message() {
      if (problem != null) return problem;
      List<String> parts = new ArrayList<>();
      if (added > 0)
        parts.add(added == 1 ? "Added 1 recording." : "Added " + added + " recordings.");
      if (alreadyQueued > 0) {
        parts.add(
            alreadyQueued == 1
                ? "1 was already in the list."
                : alreadyQueued + " were already in the list.");
      }
      if (!refused.isEmpty()) {
        UploadRecordings.Skipped first = refused.get(0);
        String more = refused.size() > 1 ? " (and " + (refused.size() - 1) + " more)" : "";
        parts.add("Not added: " + name(first.path()) + " – " + first.reason() + more + ".");
      }
      return parts.isEmpty() ? "Nothing to add." : String.join(" ", parts);
    }

    public boolean refusedAll() {
      return added == 0 && alreadyQueued == 0;
    }
  }

  private final Supplier<UploadQueue> queue;
  private final Background background;
  private final Executor ui;
  private final Consumer<Outcome> onOutcome;

  public DropHandler(
      Supplier<UploadQueue> queue,
      Background background,
      Executor ui,
      Consumer<Outcome> onOutcome) {
    this.queue = queue;
    this.background = background;
    this.ui = ui;
    this.onOutcome = onOutcome;
  }

  /** Called on the FX thread with the dropped paths: returns at once. */
  public void accept(List<Path> paths) {
    List<Path> copy = List.copyOf(paths);
    background.run(
        () -> {
          Outcome o = add(copy);
          ui.execute(() -> onOutcome.accept(o));
        });
  }

  /** Expands folders and queues every recording; runs off the FX thread. */
  public Outcome add(List<Path> paths) {
    UploadQueue q = queue.get();
    if (q == null) {
      return new Outcome(
          0,
          0,
          List.of(),
          "The uploader is not ready yet (see the line at the bottom of the window). Please add the files again in a moment.");
    }
    UploadQueue.Added a = q.add(paths);
    String problem = null;
    if (!a.notQueued().isEmpty()) {
      UploadRecordings.Skipped first = a.notQueued().get(0);
      problem = "Could not add " + name(first.path()) + ": " + first.reason();
    }
    return new Outcome(a.added(), a.alreadyQueued(), a.refused(), problem);
  }

  private static String name(Path p) {
    return p.getFileName() == null ? p.toString() : p.getFileName().toString();
  }
}
