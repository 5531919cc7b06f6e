package org.sermonuploader.app;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.engine.EngineOptions;
import org.sermonuploader.engine.JournalException;
import org.sermonuploader.engine.RemoteObject;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.journal.Checks;
import org.sermonuploader.library.Migration;
import org.sermonuploader.memory.PressureGate;
import org.sermonuploader.model.CheckOutcome;
import org.sermonuploader.model.HistoryEntry;
import org.sermonuploader.model.RecordingCheck;
import org.sermonuploader.model.UploadListener;

/**
 * Migrate, the use case: moves the recordings of the local store to the configured server through
 * an upload engine built from the service's own options, so the bandwidth limit in force for
 * uploads (the same throttle, with its livestream and full-speed overrides) applies to these parts
 * too. Each moved recording is noted against its old history lines, and the outcome is posted to
 * Discord, whichever face asked.
 */
public final class MigrateRecordings {
  /** What a run did: how many recordings were waiting, and which moved and which did not. */
  public record Outcome(Library.Kept waiting, Migration.Report report) {
    public boolean allMoved() {
      return report.notMoved().isEmpty();
    }

    /** How many recordings moved (each checked on the server before its copy here went). */
    public int moved() {
      return report.moved().size();
    }

    /** The recordings still on this computer, each with why. */
    public List<Left> notMoved() {
      return report.notMoved().stream().map(n -> new Left(n.localKey(), n.reason())).toList();
    }

    public String summary() {
      return report.moved().size()
          + " moved to the server, "
          + report.notMoved().size()
          + " still on this computer.";
    }
  }

  /** A recording that is still on this computer, as the local store names it, and why. */
  public record Left(String localKey, String reason) {}

  private final UploadService service;
  private final Clock clock;

  public MigrateRecordings(UploadService service, Clock clock) {
    this.service = service;
    this.clock = clock;
  }

  /** Told while a moved copy is read back, and a line's worth once a recording moved or not. */
  public interface Lines {
    void checking(String serverKey, long done, long size);

    void moved(String localKey, String serverKey);

    void notMoved(String localKey, String reason);
  }

  /** Whether recordings go to a server (else there is nowhere to move them). */
  public static boolean serverSetUp(Settings s) {
    return s.isSet(Setting.MINIO_ENDPOINT) || EngineSettings.isTus(s);
  }

  /** {@link #run(Consumer, UploadListener, Migration.Listener, Consumer)}, told in lines. */
  public Outcome run(
      Consumer<Library.Kept> starting, UploadListener uploads, Lines lines, Consumer<String> notes)
      throws UploadException, JournalException, IOException, InterruptedException {
    return run(
        starting,
        uploads,
        new Migration.Listener() {
          @Override
          public void checking(String serverKey, long done, long size) {
            lines.checking(serverKey, done, size);
          }

          @Override
          public void moved(Migration.Moved m) {
            lines.moved(m.localKey(), m.serverKey());
          }

          @Override
          public void notMoved(Migration.NotMoved n) {
            lines.notMoved(n.localKey(), n.reason());
          }
        },
        notes);
  }

  /**
   * Moves every recording the local store holds; {@code starting} hears how many there are before
   * the first is sent (not called when there are none), {@code uploads} sees the engine's jobs,
   * {@code notes} why the Discord post could not go out.
   */
  public Outcome run(
      Consumer<Library.Kept> starting,
      UploadListener uploads,
      Migration.Listener listener,
      Consumer<String> notes)
      throws UploadException, JournalException, IOException, InterruptedException {
    Destinations.Destination local = openLocal();
    Library.Kept waiting;
    Migration.Report report;
    try {
      Migration migration =
          new Migration(
              local.transfer(),
              local.localStore().root().resolve(service.settings().get(Setting.MINIO_BUCKET)),
              options(service),
              service.journal(),
              service.transfer(),
              service.memory().map(m -> (PressureGate) m).orElse(PressureGate.NEVER_PRESSED));
      List<RemoteObject> objects = migration.waiting();
      waiting =
          new Library.Kept(objects.size(), objects.stream().mapToLong(RemoteObject::size).sum());
      if (waiting.count() == 0)
        return new Outcome(waiting, new Migration.Report(List.of(), List.of()));
      starting.accept(waiting);
      forgetFinishedRows(objects);
      report = migration.run(uploads, listener);
    } finally {
      local.transfer().close();
      local.localStore().close();
    }
    noteMoved(report);
    Outcome outcome = new Outcome(waiting, report);
    List<String> lines = new ArrayList<>();
    for (Migration.NotMoved n : report.notMoved()) lines.add(n.localKey() + ": " + n.reason());
    Library.post(
        service.settings(),
        "Recordings moved to the server",
        outcome.summary(),
        lines,
        !outcome.allMoved(),
        notes);
    return outcome;
  }

  /**
   * The options uploads run with, with the engine's own bandwidth: one throttle for everything this
   * computer sends.
   */
  static EngineOptions options(UploadService service) {
    return EngineSettings.options(service.settings()).toBuilder()
        .bandwidth(service.engine().bandwidth())
        .build();
  }

  /**
   * The queue's finished rows of the uploads that put these recordings on this computer leave the
   * list: the move's own rows take their place (one recording, one row). Their history stays.
   */
  private void forgetFinishedRows(List<RemoteObject> recordings) throws JournalException {
    // the local store's address changes from start to start: "not the server" is what tells
    String here = service.transfer().describeDestination();
    Map<String, Long> sizes = new HashMap<>();
    for (RemoteObject o : recordings) sizes.put(o.key(), o.size());
    for (HistoryEntry h : service.journal().history()) {
      if (h.destination() != null
          && !here.equals(h.destination())
          && Long.valueOf(h.size()).equals(sizes.get(h.key()))) service.engine().remove(h.jobId());
    }
  }

  /**
   * Each moved recording keeps one history line, the one of when it was first sent, which now says
   * where it is and that it was moved.
   */
  private void noteMoved(Migration.Report report) throws JournalException {
    String here = service.transfer().describeDestination();
    Checks checks = service.journal().checks();
    for (Migration.Moved m : report.moved()) {
      if (service.journal().historyMoved(m.localKey(), m.size(), m.serverKey(), here, m.jobId())
          > 0)
        checks.record(
            new RecordingCheck(
                m.serverKey(),
                here,
                CheckOutcome.MOVED,
                "moved to the server as " + m.serverKey(),
                clock.instant()));
    }
  }

  private Destinations.Destination openLocal() throws UploadException, IOException {
    Settings localOnly =
        service.settings().with(Setting.MINIO_ENDPOINT, "").with(Setting.DESTINATION, "s3");
    return Destinations.open(localOnly, service.dataDir(), new ArrayList<>());
  }
}
