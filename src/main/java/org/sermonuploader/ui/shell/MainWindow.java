package org.sermonuploader.ui.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.app.BandwidthLimit;
import org.sermonuploader.app.UploadLimit;
import org.sermonuploader.app.UploadQueue;
import org.sermonuploader.config.Setting;
import org.sermonuploader.model.EngineEvent;
import org.sermonuploader.model.JobState;
import org.sermonuploader.ui.Background;
import org.sermonuploader.ui.FxThread;
import org.sermonuploader.ui.NoticeBanner;
import org.sermonuploader.ui.Theme;
import org.sermonuploader.ui.UploadBackend;
import org.sermonuploader.ui.bandwidth.BandwidthBar;
import org.sermonuploader.ui.bandwidth.BandwidthBarModel;
import org.sermonuploader.ui.history.HistoryView;
import org.sermonuploader.ui.kiosk.KioskExit;
import org.sermonuploader.ui.kiosk.TouchDialogs;
import org.sermonuploader.ui.library.StoredRecordings;
import org.sermonuploader.ui.memory.MemoryGauge;
import org.sermonuploader.ui.memory.MemoryGaugeModel;
import org.sermonuploader.ui.memory.MemoryReadout;
import org.sermonuploader.ui.memory.MonitorReadout;
import org.sermonuploader.ui.memory.SystemMemoryReadout;
import org.sermonuploader.ui.queue.DropHandler;
import org.sermonuploader.ui.queue.FinishNotices;
import org.sermonuploader.ui.queue.QueueView;
import org.sermonuploader.ui.queue.QueueViewModel;
import org.sermonuploader.ui.queue.SnapshotCoalescer;
import org.sermonuploader.ui.settings.SettingsAccess;
import org.sermonuploader.ui.settings.SettingsFlow;
import org.sermonuploader.ui.stations.StationsTab;
import org.sermonuploader.ui.usb.UsbPrompts;

/**
 * The main window's content, wired together: the {@link TopBar}, the {@link Pages} (queue, history,
 * stations) and the {@link StatusLine} with the memory gauge, on the uploader {@link EngineHost}
 * runs. Engine events arrive through a {@link SnapshotCoalescer} drained ten times a second.
 */
public final class MainWindow extends BorderPane {
  private static final Executor FX = Platform::runLater;

  private final SnapshotCoalescer coalescer = new SnapshotCoalescer();
  private final QueueViewModel queue;
  private final EngineHost host;
  private final DropHandler drops;
  private final QueueView queueView;
  private final HistoryView history;
  private final MemoryGauge gauge;
  private final Timeline flush;
  private final Timeline recheck;
  private final DropZone dropZone;
  private final NoticeBanner notices = new NoticeBanner();
  private final TabPane tabs = new TabPane();
  private final UsbPrompts usbPrompts;
  private final TopBar topBar;
  private final BooleanProperty kiosk = new SimpleBooleanProperty(this, "kiosk");
  private final FinishNotices finishNotices;
  private final StoredRecordings stored;
  private final StationsTab stations;
  private final BandwidthBar bandwidthBar;
  private final OutOfMemoryNotice outOfMemory = new OutOfMemoryNotice(FX, this::outOfMemory);

  public MainWindow(Background background, MemoryReadout readout, SettingsAccess settings) {
    getStyleClass().add("main-window");
    queue = new QueueViewModel(this::currentQueue, background, FX);
    host = new EngineHost(background, FX, coalescer, queue);
    usbPrompts = new UsbPrompts(this::ownerWindow, this::usbNote, kiosk::get);
    dropZone =
        new DropZone(kiosk, background, FX, usbPrompts::plugged, this::ownerWindow, this::addFiles);
    drops =
        new DropHandler(
            host::queue,
            background,
            FX,
            o -> {
              tabs.getSelectionModel().select(0);
              dropZone.showOutcome(o);
            });
    queueView = new QueueView(queue);
    history = new HistoryView(host::queue, background, FX);
    stations = new StationsTab(host::backend, background, FX);
    stored =
        new StoredRecordings(
            history,
            host::backend,
            background,
            FX,
            coalescer,
            notices::show,
            this::ownerWindow,
            kiosk::get);
    // the monitor's own level once a backend runs, so the gauge says what pauses the uploads
    MemoryReadout live =
        new MonitorReadout(
            () -> {
              UploadBackend b = host.backend();
              return b == null ? java.util.Optional.empty() : b.memory();
            },
            readout);
    gauge = new MemoryGauge(new MemoryGaugeModel(), live, background);
    BandwidthBarModel limit =
        new BandwidthBarModel(this::limit, BandwidthLimit::clockSet, background, FX);
    limit.setOnChange(queue::limitChanged);
    bandwidthBar = new BandwidthBar(limit);

    SettingsFlow settingsFlow =
        new SettingsFlow(
            background,
            settings,
            this::ownerWindow,
            notices,
            host::open,
            limit::applySettings,
            this::limit,
            host::backend);
    StackPane kioskExit =
        new KioskExit(
                background,
                () ->
                    settings
                        .loadSaved()
                        .overlay(settings.environment())
                        .get(Setting.KIOSK_PIN_HASH),
                this::ownerWindow,
                notices::show,
                kiosk)
            .node();
    topBar =
        new TopBar(
            queue, dropZone::chooseFiles, dropZone::chooseFolder, settingsFlow::open, kioskExit);
    setTop(topBar.node());

    Pages pages =
        new Pages(tabs, notices, stored, dropZone, bandwidthBar, queueView, history, stations);
    setCenter(tabs);

    dropZone.takeDropsOn(this);

    setBottom(StatusLine.of(host.statusProperty(), gauge, this::ownerWindow, kiosk::get));

    host.setUsbDialogs(usbPrompts::listenerFor);

    finishNotices = new FinishNotices(queue, this::ownerWindow, notices::show, kiosk::get);
    queue.setOnFinished(
        s -> {
          // read again only while it is seen: selecting the tab reads it anyway
          if (pages.historyShown()) history.refresh();
          finishNotices.finished(s);
          stored.uploadFinished();
          // a failed row may be the first sign of a connection problem; a success may clear one
          if (s.state() == JobState.FAILED || host.connectionProblemProperty().get())
            host.checkConnection();
        });
    queue
        .anyWaitingForServerProperty()
        .addListener((o, was, waiting) -> host.uploadsWaitingForServer(waiting));
    host.setOnNotices(
        n -> {
          if (n.isEmpty()) notices.hide();
          else notices.show(String.join("\n", n));
        });
    host.setOnLateNotice(
        line -> notices.show(notices.text().isEmpty() ? line : notices.text() + "\n" + line));
    host.backendProperty()
        .addListener(
            (o, a, b) -> {
              if (b != null) {
                if (b.settings() != null && readout instanceof SystemMemoryReadout system) {
                  system.useSettings(b.settings());
                }
                history.refresh();
                stored.backendReady();
                stations.backendChanged();
              }
              bandwidthBar.update();
            });

    // "Added 1 recording." must not stand next to newer news that says otherwise
    notices.setOnShow(dropZone::clearMessage);
    flush =
        new Timeline(
            new KeyFrame(
                Duration.millis(100),
                e -> {
                  queue.apply(coalescer.drain());
                  EngineEvent event = coalescer.takeEngineEvent();
                  if (event != null) outOfMemory(event.message());
                }));
    flush.setCycleCount(Animation.INDEFINITE);
    recheck =
        new Timeline(
            new KeyFrame(
                Duration.seconds(30),
                e -> {
                  if (host.connectionProblemProperty().get()) host.checkConnection();
                }));
    recheck.setCycleCount(Animation.INDEFINITE);
    kiosk.addListener((o, was, on) -> applyKiosk());
    applyKiosk();
  }

  /** The banner says it in plain words; the gauge shows the heap that ran out. */
  private void outOfMemory(String message) {
    tabs.getSelectionModel().select(0);
    notices.show(message);
  }

  private void addFiles(List<Path> files) {
    drops.accept(files);
  }

  private javafx.stage.@Nullable Window ownerWindow() {
    return getScene() == null ? null : getScene().getWindow();
  }

  // ------------------------------------------------------------ kiosk mode

  /**
   * Kiosk mode inside the window: big touch targets and text (the kiosk style class), no Settings,
   * the exit area, every removal confirmed on screen, no right-click menus. The stage (full screen)
   * is the kiosk mode's business; it listens here.
   */
  public BooleanProperty kioskProperty() {
    return kiosk;
  }

  public void setKiosk(boolean on) {
    kiosk.set(on);
  }

  public boolean isKiosk() {
    return kiosk.get();
  }

  private void applyKiosk() {
    boolean on = kiosk.get();
    getStyleClass().remove(Theme.KIOSK);
    if (on) getStyleClass().add(Theme.KIOSK);
    topBar.setKiosk(on);
    queueView.setKiosk(on);
    history.setKiosk(on);
    stations.setKiosk(on);
    gauge.setCompact(on);
    notices.setCompact(on);
    bandwidthBar.setCompact(on);
  }

  /** The running queue, or null while none is open (read by background work). */
  private @Nullable UploadQueue currentQueue() {
    return host.queue();
  }

  /** The running uploader's upload limit, or null while none is open. */
  private @Nullable UploadLimit limit() {
    UploadQueue q = host.queue();
    return q == null ? null : q.limit();
  }

  /**
   * {@link #start} once the shown window's first frame is laid out: opening the uploader (journal,
   * engine, USB watcher, memory monitor) shares the computer's few cores with the first frame
   * otherwise. FX thread, after the window is shown.
   */
  public void startAfterFirstFrame(UploadBackend.Opener opener, Runnable onReady) {
    Scene scene = getScene();
    if (scene == null) throw new IllegalStateException("the window is not on a scene");
    FirstFrame.then(scene, () -> Platform.runLater(() -> start(opener, onReady)));
    Platform.requestNextPulse();
  }

  /** Opens the backend (off the FX thread) and starts the live updates. */
  public void start(UploadBackend.Opener opener, Runnable onReady) {
    assert FxThread.checked("The window's updates");
    outOfMemory.install();
    flush.play();
    recheck.play();
    gauge.start();
    bandwidthBar.start();
    host.open(opener, onReady);
  }

  /**
   * Stops the updates and closes the engine; unfinished uploads stay in the journal. Any thread:
   * the animations stop on the FX thread.
   */
  public void shutdown() {
    FxThread.run(
        () -> {
          flush.stop();
          recheck.stop();
        });
    gauge.stop();
    bandwidthBar.stop();
    stations.close();
    host.closeAndWait(15);
    outOfMemory.uninstall();
  }

  /**
   * Makes closing {@code stage} ask first while uploads are running: they stay in the journal and
   * continue at the next start, which a volunteer closing the window cannot know.
   */
  public void askBeforeClosing(javafx.stage.Stage stage) {
    stage.setOnCloseRequest(
        e -> {
          if (queue.running() == 0) return;
          List<JobState> open =
              queue.rows().stream()
                  .map(r -> r.stateProperty().get())
                  .filter(st -> !st.finished() && st != JobState.PAUSED)
                  .toList();
          if (!TouchDialogs.confirm(
              stage,
              kiosk.get(),
              CloseQuestion.TITLE,
              CloseQuestion.text(open),
              "Close",
              "Keep open")) e.consume();
        });
  }

  /** Turns the pop-up notifications off (tests, screenshots of dialogs). */
  public void setPopups(boolean on) {
    finishNotices.setPopups(on);
  }

  public UsbPrompts usbPrompts() {
    return usbPrompts;
  }

  private void usbNote(String text) {
    dropZone.clearMessage();
    notices.show(text);
    tabs.getSelectionModel().select(0);
  }

  SnapshotCoalescer coalescer() {
    return coalescer;
  }

  DropZone dropZone() {
    return dropZone;
  }

  public DropHandler dropHandler() {
    return drops;
  }

  public QueueViewModel queue() {
    return queue;
  }

  public QueueView queueView() {
    return queueView;
  }

  public EngineHost host() {
    return host;
  }

  public HistoryView history() {
    return history;
  }

  public StationsTab stations() {
    return stations;
  }

  public StoredRecordings stored() {
    return stored;
  }

  public BandwidthBar bandwidthBar() {
    return bandwidthBar;
  }

  public MemoryGauge gauge() {
    return gauge;
  }

  public TabPane tabs() {
    return tabs;
  }
}
