package org.sermonuploader.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.config.ExpectedUploads;
import org.sermonuploader.config.InvalidSettingException;
import org.sermonuploader.config.Settings;
import org.sermonuploader.engine.EngineOptions;
import org.sermonuploader.engine.JournalException;
import org.sermonuploader.engine.Transfer;
import org.sermonuploader.engine.UploadEngine;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.journal.Journal;
import org.sermonuploader.memory.MemoryMonitor;
import org.sermonuploader.memory.PressureGate;
import org.sermonuploader.model.StickOfferListener;
import org.sermonuploader.notify.DiscordNotifier;
import org.sermonuploader.status.StatusServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything an upload needs, assembled from settings: journal, transfer, engine, and the embedded
 * store when no server is configured. The window and the CLI both run on one of these.
 */
public final class UploadService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UploadService.class);

  private final Settings settings;
  private final Path dataDir;
  private final Journal journal;
  private final Transfer transfer;
  private final UploadEngine engine;
  private final UploadQueue queue;
  private final @Nullable EmbeddedStore store;
  private final List<String> notices;
  private final boolean resumeUnfinished;
  private final List<AutoCloseable> extras = new ArrayList<>();
  private @Nullable MemoryMonitor memory;
  private @Nullable StatusServer status;
  private @Nullable DiscordNotifier discord;
  private @Nullable DataFolderLock inUse;
  private boolean closed;
  private volatile @Nullable Thread leftoverCleanup;
  private static final Duration CLEANUP_WAIT_ON_CLOSE = Duration.ofSeconds(5);

  private UploadService(
      Settings settings,
      Path dataDir,
      Journal journal,
      Transfer transfer,
      UploadEngine engine,
      @Nullable EmbeddedStore store,
      List<String> notices,
      boolean resumeUnfinished) {
    this.settings = settings;
    this.dataDir = dataDir;
    this.journal = journal;
    this.transfer = transfer;
    this.engine = engine;
    this.queue = UploadQueue.of(engine);
    this.store = store;
    this.notices = notices;
    this.resumeUnfinished = resumeUnfinished;
  }

  /**
   * Starts assembling a service from settings: by default the engine is gated by a memory monitor
   * reading this machine, with the status endpoint and Discord notifications when the settings ask
   * for them.
   */
  public static Builder builder(Settings s, Path dataDir) {
    return new Builder(s, dataDir);
  }

  /** What a service is opened with; {@link #open()} checks the settings and opens it. */
  public static final class Builder {
    private final Settings settings;
    private final Path dataDir;
    private @Nullable MemoryMonitor monitor;
    private @Nullable PressureGate gate;
    private boolean resumeUnfinished = true;

    private Builder(Settings settings, Path dataDir) {
      this.settings = settings;
      this.dataDir = dataDir;
    }

    /** A monitor built by the caller (tests give it a fake probe) instead of one from settings. */
    public Builder monitor(MemoryMonitor monitor) {
      this.monitor = monitor;
      this.gate = null;
      return this;
    }

    /**
     * Only this gate: no monitor thread, no status endpoint, no notifications (for tests and
     * commands that only look at the journal and the server).
     */
    public Builder gateOnly(PressureGate gate) {
      this.gate = gate;
      this.monitor = null;
      return this;
    }

    /**
     * No memory monitor, status endpoint or notifications: for the commands that only read the
     * journal and the server (status, verify, download).
     */
    public Builder withoutMemoryMonitor() {
      return gateOnly(PressureGate.NEVER_PRESSED);
    }

    /** Whether {@link UploadService#start} continues the journal's unfinished jobs (default). */
    public Builder resumeUnfinished(boolean resume) {
      this.resumeUnfinished = resume;
      return this;
    }

    /**
     * Opens the journal and the destination; with no endpoint configured, starts the embedded store
     * under the data directory and says so in {@link #notices()}. With a monitor, it is started,
     * gates the engine and is closed with the service; problems of the status endpoint or the
     * Discord webhook never stop uploads: they end up in {@link #notices()}. Nothing is sent until
     * {@link UploadService#start}.
     */
    public UploadService open() throws JournalException, UploadException, IOException {
      LeftoverCleanup.keepFor(settings); // a wrong LEFTOVER_DAYS is said before anything opens
      ExpectedUploads.of(settings, ZoneId.systemDefault()); // and so is a wrong EXPECT_UPLOAD
      if (gate != null) return openBare(gate);
      MemoryMonitor m = monitor != null ? monitor : MemoryMonitor.fromSettings(settings);
      UploadService service = openBare(m);
      try {
        service.attachMonitor(m);
      } catch (RuntimeException e) {
        service.close();
        throw e;
      }
      return service;
    }

    private UploadService openBare(PressureGate gate)
        throws JournalException, UploadException, IOException {
      EngineOptions options = EngineSettings.options(settings);
      List<String> notices = new ArrayList<>();
      Journal journal = Journal.open(dataDir);
      if (journal.recoveryNotice() != null) notices.add(journal.recoveryNotice());
      DataFolderLock inUse;
      try {
        // held while the service lives: `cancel` leaves alone what a running app works on
        inUse = DataFolderLock.shared(dataDir);
      } catch (IOException | RuntimeException e) {
        journal.close();
        throw e;
      }
      Destinations.Destination d;
      try {
        d = Destinations.open(settings, dataDir, notices);
      } catch (UploadException | IOException | RuntimeException e) {
        inUse.close();
        journal.close();
        throw e;
      }
      Transfer transfer = new LimitedReads(d.transfer(), options.bandwidth().receiveThrottle());
      UploadEngine engine = new UploadEngine(options, journal, transfer, gate);
      engine.setLiveUpload(EngineSettings.live(settings));
      UploadService service =
          new UploadService(
              settings, dataDir, journal, transfer, engine, d.store(), notices, resumeUnfinished);
      service.inUse = inUse;
      return service;
    }
  }

  private void attachMonitor(MemoryMonitor monitor) {
    monitor.start();
    memory = monitor;
    closeWith(monitor);
    if (!monitor.allowsNewParts()) {
      notices.add(
          "Memory is short right now, so uploads wait until it is freed: "
              + String.join("; ", monitor.recommendations())
              + ".");
    }
    try {
      DiscordNotifier.fromSettings(
              settings,
              jobId ->
                  engine.history().stream().filter(h -> h.jobId() == jobId).reduce((a, b) -> b))
          .ifPresent(
              notifier -> {
                engine.addListener(notifier);
                monitor.addListener(notifier);
                discord = notifier;
                closeWith(notifier.start());
              });
    } catch (InvalidSettingException e) {
      log.warn("Discord notifications off: {}", e.getMessage());
      notices.add("Discord notifications are off: " + e.getMessage());
    }
    StatusServer.startFromSettings(settings, engine, monitor, notices)
        .ifPresent(
            server -> {
              status = server;
              closeWith(server);
            });
  }

  /**
   * Starts uploading, the same way for every face: first removes the due leftovers on the server
   * (so the journal and the server agree before any upload starts), then starts the engine, which
   * continues the journal's unfinished jobs. Talks to the server: not on a UI thread. {@code tell}
   * gets what to tell the user, as it happens; a server that cannot be asked about leftovers never
   * stops uploads.
   */
  public void start(Consumer<String> tell) throws JournalException {
    LeftoverCleanup.removeDue(this).forEach(tell);
    engine.start(resumeUnfinished);
    closeWith(StationPresence.start(this, tell)); // its heartbeat; "stopped" when closed
  }

  /**
   * {@link #start}, with the due leftovers removed alongside the first uploads rather than before
   * them: for a command that uploads and ends, where listing them first would hold back the first
   * byte by a round trip to the server. Safe, as no leftover is removed before it is an hour old,
   * so no upload starting now can be taken for one. {@link #awaitLeftoverCleanup} and {@link
   * #close} wait for it.
   */
  public void startWithCleanupAlongside(Consumer<String> tell) throws JournalException {
    engine.start(resumeUnfinished);
    Thread cleanup =
        new Thread(
            () -> {
              try {
                LeftoverCleanup.removeDue(this).forEach(tell);
              } catch (RuntimeException e) {
                log.warn("Unfinished uploads on the server could not be checked", e);
              }
            },
            "leftover-cleanup");
    cleanup.setDaemon(true);
    cleanup.start();
    leftoverCleanup = cleanup;
    closeWith(
        () -> {
          // a run stopped by a signal does not wait for a server that is slow to list
          cleanup.join(CLEANUP_WAIT_ON_CLOSE.toMillis());
          cleanup.interrupt();
        });
    closeWith(StationPresence.start(this, tell)); // its heartbeat; "stopped" when closed
  }

  /** Waits until the removal of leftovers begun by {@link #startWithCleanupAlongside} has ended. */
  public void awaitLeftoverCleanup() throws InterruptedException {
    Thread cleanup = leftoverCleanup;
    if (cleanup != null) cleanup.join();
  }

  /**
   * {@link #start}, then watches for USB sticks and the watch folder; {@code stickOffers} makes the
   * listener for the stick offers (the window's dialog) from the sticks' uploads, or returns null;
   * with VERIFY_EVERY, reads the stored recordings back on that schedule. A bad watch folder or
   * VERIFY_EVERY setting does not stop uploads from a drop: it is told as well.
   */
  public void startWithSources(
      Function<StickUploads, StickOfferListener> stickOffers, Consumer<String> tell)
      throws JournalException {
    start(tell);
    try {
      MediaSources sources = MediaSources.open(this);
      closeWith(sources);
      StickOfferListener l = stickOffers.apply(StickUploads.of(sources.usb()));
      if (l != null) sources.usb().addListener(l);
      sources.start();
    } catch (RuntimeException e) {
      log.error("USB sticks and the watch folder are not watched", e);
      tell.accept("USB sticks and the watch folder are not watched: " + e.getMessage());
    }
    try {
      Clock clock = Clock.systemUTC();
      // reading back needs S3: with tus there is nothing to schedule
      ScheduledVerify.period(settings)
          .filter(p -> !EngineSettings.isTus(settings))
          .ifPresent(
              p ->
                  closeWith(
                      new ScheduledVerify(new Library(this), p, clock)
                          .start(Duration.ofMinutes(10))));
    } catch (InvalidSettingException e) {
      tell.accept("Stored recordings are not checked on a schedule: " + e.getMessage());
    }
  }

  public Settings settings() {
    return settings;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Whether {@link #start} continues the journal's unfinished jobs. */
  public boolean resumesUnfinished() {
    return resumeUnfinished;
  }

  public Journal journal() {
    return journal;
  }

  /** Where recordings go, in words: "s3://host/bucket", the local store, a tus server. */
  public String destination() {
    return transfer.describeDestination();
  }

  public Transfer transfer() {
    return transfer;
  }

  public UploadEngine engine() {
    return engine;
  }

  /** The engine's queue, as the window works it. */
  public UploadQueue queue() {
    return queue;
  }

  /** The memory monitor gating the engine; empty when opened with a gate of the caller's. */
  public Optional<MemoryMonitor> memory() {
    return Optional.ofNullable(memory);
  }

  /** The running status endpoint; empty when off or when it could not start. */
  public Optional<StatusServer> statusServer() {
    return Optional.ofNullable(status);
  }

  /** The Discord notifier running; empty when none is set or it could not start. */
  Optional<DiscordNotifier> discord() {
    return Optional.ofNullable(discord);
  }

  /** Things to tell the user once, in plain words (embedded store in use, journal recovered). */
  public List<String> notices() {
    return notices;
  }

  /** Closed with the service, before the engine (sources, status server, notifier, monitor). */
  private void closeWith(AutoCloseable extra) {
    extras.add(extra);
  }

  @Override
  public void close() {
    close((t, j) -> {});
  }

  /** Work done on the way out, once no upload runs, while the server and the journal are open. */
  public interface HandOver {
    void run(Transfer transfer, Journal journal) throws JournalException;
  }

  /** Closes as {@link #close()} does, with {@code handOver} run once the engine has stopped. */
  public synchronized void close(HandOver handOver) {
    // a CLI stopped by a signal closes from its shutdown hook while its main thread may close too
    if (closed) return;
    closed = true;
    for (AutoCloseable c : extras) {
      try {
        c.close();
      } catch (Exception e) {
        log.warn("Closing {} failed: {}", c, e.getMessage());
      }
    }
    engine.close();
    try {
      handOver.run(transfer, journal);
    } catch (JournalException | RuntimeException e) {
      log.error("Could not finish the work on closing", e);
    }
    transfer.close();
    journal.close();
    if (store != null) store.close();
    if (inUse != null) inUse.close();
  }
}
