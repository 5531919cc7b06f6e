package org.sermonuploader.app;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.sermonuploader.bandwidth.Bandwidth;
import org.sermonuploader.bandwidth.BandwidthSchedule;
import org.sermonuploader.bandwidth.RatePair;
import org.sermonuploader.config.EndpointAddress;
import org.sermonuploader.config.InvalidSettingException;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.engine.EngineOptions;
import org.sermonuploader.engine.JournalException;
import org.sermonuploader.engine.LiveOptions;
import org.sermonuploader.engine.ObjectKeys;
import org.sermonuploader.engine.RetryPolicy;
import org.sermonuploader.engine.ServerAddress;
import org.sermonuploader.engine.Transfer;
import org.sermonuploader.engine.UploadEngine;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.engine.s3.S3Config;
import org.sermonuploader.engine.s3.S3Transfer;
import org.sermonuploader.engine.tus.TusConfig;
import org.sermonuploader.engine.tus.TusTransfer;
import org.sermonuploader.journal.Journal;
import org.sermonuploader.memory.MemoryMonitor;
import org.sermonuploader.memory.PressureGate;
import org.sermonuploader.notify.DiscordNotifier;
import org.sermonuploader.status.StatusServer;
import org.sermonuploader.usb.RemovableMediaWatcher;
import org.sermonuploader.usb.StickOfferListener;
import org.sermonuploader.usb.UsbUploads;
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
  private final EmbeddedStore store;
  private final List<String> notices;
  private final boolean resumeUnfinished;
  private final List<AutoCloseable> extras = new ArrayList<>();
  private MemoryMonitor memory;
  private StatusServer status;
  private DataFolderLock inUse;
  private boolean closed;

  private UploadService(
      Settings settings,
      Path dataDir,
      Journal journal,
      Transfer transfer,
      UploadEngine engine,
      EmbeddedStore store,
      List<String> notices,
      boolean resumeUnfinished) {
    this.settings = settings;
    this.dataDir = dataDir;
    this.journal = journal;
    this.transfer = transfer;
    this.engine = engine;
    this.store = store;
    this.notices = notices;
    this.resumeUnfinished = resumeUnfinished;
  }

  /** Checks the settings the engine needs, with a message naming the setting that is wrong. */
  public static EngineOptions engineOptions(Settings s) {
    long partSize = s.getBytes(Setting.PART_SIZE);
    if (partSize < EngineOptions.MIN_PART_SIZE) {
      throw new InvalidSettingException(Setting.PART_SIZE, "must be at least 5MiB");
    }
    if (partSize > EngineOptions.MAX_PART_SIZE) {
      throw new InvalidSettingException(Setting.PART_SIZE, "must be at most 5GiB");
    }
    int inFlight = s.getInt(Setting.PARTS_IN_FLIGHT);
    if (inFlight < 1 || inFlight > 16) {
      throw new InvalidSettingException(Setting.PARTS_IN_FLIGHT, "must be between 1 and 16");
    }
    int concurrent = s.getInt(Setting.MAX_CONCURRENT_UPLOADS);
    if (concurrent < 1 || concurrent > 8) {
      throw new InvalidSettingException(Setting.MAX_CONCURRENT_UPLOADS, "must be between 1 and 8");
    }
    ObjectKeys keys;
    try {
      keys = new ObjectKeys(s.get(Setting.KEY_PREFIX), s.get(Setting.KEY_TEMPLATE), station(s));
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(Setting.KEY_TEMPLATE, e.getMessage());
    }
    RetryPolicy retry =
        new RetryPolicy(
            Duration.ofSeconds(1),
            Duration.ofSeconds(Math.max(1, s.getInt(Setting.RETRY_MAX_DELAY_SECONDS))));
    return new EngineOptions(
        partSize,
        inFlight,
        concurrent,
        s.getBytes(Setting.MAX_UPLOAD_SIZE),
        keys,
        station(s),
        retry,
        Duration.ofMillis(200),
        RemovableMediaWatcher.roots(s, System.getProperty("user.name")),
        bandwidth(s));
  }

  /** Whether recordings are uploaded while they are made, and the quiet time that ends one. */
  static LiveOptions liveOptions(Settings s) {
    int quiet = s.getInt(Setting.WATCH_QUIET_SECONDS);
    if (quiet < 1)
      throw new InvalidSettingException(Setting.WATCH_QUIET_SECONDS, "must be at least 1");
    return new LiveOptions(s.getBoolean(Setting.LIVE_UPLOAD), Duration.ofSeconds(quiet));
  }

  private static Bandwidth bandwidth(Settings s) {
    // the timetable is in the station's local time, daylight saving included
    Bandwidth b = new Bandwidth(bandwidthLimit(s), Clock.system(ZoneId.systemDefault()));
    b.setLivestream(livestreamLimit(s));
    return b;
  }

  /** The LIVESTREAM_LIMIT rates, or why they can't be used. */
  public static RatePair livestreamLimit(Settings s) {
    RatePair rates;
    try {
      rates = RatePair.parse(s.get(Setting.LIVESTREAM_LIMIT));
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(Setting.LIVESTREAM_LIMIT, e.getMessage());
    }
    if (!rates.up().limited()) {
      throw new InvalidSettingException(
          Setting.LIVESTREAM_LIMIT, "must limit the upload rate, e.g. 256K");
    }
    return rates;
  }

  /** The BANDWIDTH_LIMIT timetable, or why it can't be read. */
  public static BandwidthSchedule bandwidthLimit(Settings s) {
    try {
      return BandwidthSchedule.parse(s.get(Setting.BANDWIDTH_LIMIT));
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(Setting.BANDWIDTH_LIMIT, e.getMessage());
    }
  }

  /** True when DESTINATION is tus; anything but s3 or tus is refused. */
  public static boolean isTus(Settings s) {
    String d = s.get(Setting.DESTINATION).trim().toLowerCase(java.util.Locale.ROOT);
    if (d.isEmpty() || d.equals("s3")) return false;
    if (d.equals("tus")) return true;
    throw new InvalidSettingException(Setting.DESTINATION, "must be s3 or tus (got '" + d + "')");
  }

  public static String station(Settings s) {
    return s.optional(Setting.STATION_NAME)
        .orElseGet(
            () -> {
              try {
                return InetAddress.getLocalHost().getHostName();
              } catch (IOException e) {
                return "sermon-uploader";
              }
            });
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
    private MemoryMonitor monitor;
    private PressureGate gate;
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
      EngineOptions options = engineOptions(settings);
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
      TransferFactory.Destination d;
      try {
        d = TransferFactory.create(settings, dataDir, notices);
      } catch (UploadException | IOException | RuntimeException e) {
        inUse.close();
        journal.close();
        throw e;
      }
      Transfer transfer = new LimitedReads(d.transfer(), options.bandwidth().receiveThrottle());
      UploadEngine engine = new UploadEngine(options, journal, transfer, gate);
      engine.setLiveUpload(liveOptions(settings));
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
   * {@link #start}, then watches for USB sticks and the watch folder; {@code stickOffers} makes the
   * listener for the stick offers (the window's dialog) or returns null; with VERIFY_EVERY, reads
   * the stored recordings back on that schedule. A bad watch folder or VERIFY_EVERY setting does
   * not stop uploads from a drop: it is told as well.
   */
  public void startWithSources(
      Function<UsbUploads, StickOfferListener> stickOffers, Consumer<String> tell)
      throws JournalException {
    start(tell);
    try {
      MediaSources sources = MediaSources.open(this);
      closeWith(sources);
      StickOfferListener l = stickOffers.apply(sources.usb());
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
          .filter(p -> !isTus(settings))
          .ifPresent(
              p ->
                  closeWith(
                      new ScheduledVerify(new Library(this, clock), p, clock)
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

  public Journal journal() {
    return journal;
  }

  public Transfer transfer() {
    return transfer;
  }

  public UploadEngine engine() {
    return engine;
  }

  /** The memory monitor gating the engine; empty when opened with a gate of the caller's. */
  public Optional<MemoryMonitor> memory() {
    return Optional.ofNullable(memory);
  }

  /** The running status endpoint; empty when off or when it could not start. */
  public Optional<StatusServer> statusServer() {
    return Optional.ofNullable(status);
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
  public synchronized void close() {
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
    transfer.close();
    journal.close();
    if (store != null) store.close();
    inUse.close();
  }

  /**
   * Builds the transfer DESTINATION names (S3 by default, or tus) from settings. Also used by the
   * settings dialog's Test connection, so it tries exactly what uploads will use.
   */
  public static final class TransferFactory {
    private TransferFactory() {}

    /** The transfer, and the embedded store behind it when there is one (else null). */
    public record Destination(Transfer transfer, EmbeddedStore store) {}

    /**
     * The configured destination; with no S3 endpoint set, starts the embedded store under {@code
     * dataDir} and adds a line saying so to {@code notices}. tus keeps its upload URLs under {@code
     * dataDir}.
     */
    public static Destination create(Settings s, Path dataDir, List<String> notices)
        throws UploadException, IOException {
      Duration connect = Duration.ofSeconds(s.getInt(Setting.CONNECT_TIMEOUT_SECONDS));
      Duration io = Duration.ofSeconds(s.getInt(Setting.IO_TIMEOUT_SECONDS));
      if (isTus(s)) {
        String endpoint = s.get(Setting.TUS_ENDPOINT).trim();
        String problem = TusConfig.checkEndpoint(endpoint);
        if (problem != null) throw new InvalidSettingException(Setting.TUS_ENDPOINT, problem);
        Map<String, String> headers;
        try {
          headers = TusConfig.parseHeaders(s.get(Setting.TUS_HEADERS));
        } catch (IllegalArgumentException e) {
          throw new InvalidSettingException(Setting.TUS_HEADERS, e.getMessage());
        }
        return new Destination(
            new TusTransfer(TusConfig.of(endpoint, headers, connect, io, dataDir)), null);
      }
      String bucket = s.get(Setting.MINIO_BUCKET);
      if (!s.isSet(Setting.MINIO_ENDPOINT)) {
        EmbeddedStore store =
            new EmbeddedStore(dataDir.resolve("local-store"), 0).start().withBucket(bucket);
        notices.add(
            "No server is set up, so recordings are stored on this computer in "
                + store.root().resolve(bucket)
                + " (local store at "
                + store.endpoint()
                + ").");
        S3Config config =
            new S3Config(
                store.endpoint(),
                bucket,
                store.accessKey(),
                store.secretKey(),
                "us-east-1",
                connect,
                io,
                null,
                false);
        return new Destination(new S3Transfer(config), store);
      }
      String typed = s.get(Setting.MINIO_ENDPOINT);
      String endpoint = EndpointAddress.complete(typed);
      if (EndpointAddress.completes(typed))
        notices.add(EndpointAddress.addedHttp(Setting.MINIO_ENDPOINT, typed));
      if (ServerAddress.hasUserInfo(endpoint)) {
        throw new InvalidSettingException(Setting.MINIO_ENDPOINT, S3Config.USER_INFO_PROBLEM);
      }
      if (!endpoint.startsWith("http://") && !endpoint.startsWith("https://")) {
        throw new InvalidSettingException(
            Setting.MINIO_ENDPOINT, "must start with http:// or https:// (got '" + endpoint + "')");
      }
      if (!s.isSet(Setting.MINIO_ACCESS_KEY)) {
        throw new InvalidSettingException(Setting.MINIO_ACCESS_KEY, "no access key is set");
      }
      if (!s.isSet(Setting.MINIO_SECRET_KEY)) {
        throw new InvalidSettingException(
            Setting.MINIO_SECRET_KEY,
            "no secret key is set (use the MINIO_SECRET_KEY environment variable, --secret-key-file or the settings)");
      }
      Path ca = s.optional(Setting.MINIO_CA_FILE).map(Path::of).orElse(null);
      S3Config config =
          new S3Config(
              endpoint,
              bucket,
              s.get(Setting.MINIO_ACCESS_KEY),
              s.get(Setting.MINIO_SECRET_KEY),
              "us-east-1",
              connect,
              io,
              ca,
              s.getBoolean(Setting.MINIO_CREATE_BUCKET));
      return new Destination(new S3Transfer(config), null);
    }
  }
}
