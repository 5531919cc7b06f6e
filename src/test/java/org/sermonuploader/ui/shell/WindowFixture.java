package org.sermonuploader.ui.shell;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.sermonuploader.bandwidth.Bandwidth;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.model.PressureLevel;
import org.sermonuploader.ui.Background;
import org.sermonuploader.ui.FakeTransfer;
import org.sermonuploader.ui.TestBackends;
import org.sermonuploader.ui.Theme;
import org.sermonuploader.ui.UploadBackend;
import org.sermonuploader.ui.memory.MemoryReadout;
import org.sermonuploader.ui.settings.SettingsAccess;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The main window on TestFX's stage (headless Monocle, as the build sets it up), started on a fake
 * transfer or on a real backend; after each test the window is shut, then what the test started for
 * it (servers), then the stages. Register it with {@code @RegisterExtension final WindowFixture fx
 * = new WindowFixture();}; a test method's {@link FxRobot} parameter is this fixture.
 */
public final class WindowFixture extends FxRobot
    implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private final FakeTransfer transfer = new FakeTransfer();
  private final Deque<AutoCloseable> afterWindow = new ArrayDeque<>();
  private @Nullable Stage stage;
  private @Nullable MainWindow window;

  /** TestFX's stage, the one the window is shown on. */
  public Stage stage() {
    if (stage == null) throw new IllegalStateException("not registered as an extension");
    return stage;
  }

  /** The transfer a window on a fake engine sends to; it lets everything through after the test. */
  public FakeTransfer transfer() {
    return transfer;
  }

  /** A window on the fake transfer, its journal and settings in {@code data}. */
  public Opening onFake(Path data) {
    return new Opening(SettingsAccess.of(data, Map.of()), data, null);
  }

  /** A window on the backend its settings open, as the app starts one. */
  public Opening on(SettingsAccess settings) {
    return new Opening(settings, null, settings.opener());
  }

  /** A window reading {@code settings} and sending through {@code backend}. */
  public Opening on(SettingsAccess settings, UploadBackend.Opener backend) {
    return new Opening(settings, null, backend);
  }

  /** An S3 server in-process (S3TestSupport's bucket and keys), stopped after the window. */
  public EmbeddedStore store(Path root) throws IOException {
    return closeAfterWindow(S3TestSupport.startStore(root));
  }

  /** Closes {@code server} once the window is shut, the last one given first. */
  public <T extends AutoCloseable> T closeAfterWindow(T server) {
    afterWindow.push(server);
    return server;
  }

  /** How the window is shown; {@link #open()} shows it and waits until its engine runs. */
  public final class Opening {
    private final SettingsAccess settings;
    private final @Nullable Path fakeData;
    private final UploadBackend.@Nullable Opener backend;
    private MemoryReadout memory = TestBackends.fixedMemory(PressureLevel.NORMAL);
    private double width = 1000;
    private double height = 640;
    private boolean kiosk;
    private boolean popups;
    private Bandwidth bandwidth = Bandwidth.unlimited();
    private List<Path> stickRoots = List.of();
    private Consumer<MainWindow> beforeShow = w -> {};

    private Opening(
        SettingsAccess settings, @Nullable Path fakeData, UploadBackend.@Nullable Opener backend) {
      this.settings = settings;
      this.fakeData = fakeData;
      this.backend = backend;
    }

    public Opening size(double width, double height) {
      this.width = width;
      this.height = height;
      return this;
    }

    public Opening kiosk(boolean on) {
      this.kiosk = on;
      return this;
    }

    /** Leaves the pop-up notifications on (they are off by default, as in the other tests). */
    public Opening withPopups() {
      this.popups = true;
      return this;
    }

    /** What the memory gauge reads until the engine's monitor speaks; "normal" by default. */
    public Opening memory(MemoryReadout readout) {
      this.memory = readout;
      return this;
    }

    /** The fake engine sends under {@code limit}. */
    public Opening bandwidth(Bandwidth limit) {
      this.bandwidth = limit;
      return this;
    }

    /** The fake engine treats files below {@code roots} as on USB sticks: they wait when pulled. */
    public Opening stickRoots(Path... roots) {
      this.stickRoots = List.of(roots);
      return this;
    }

    /** Runs on the FX thread once the window is made, before it is styled and shown. */
    public Opening beforeShow(Consumer<MainWindow> change) {
      this.beforeShow = change;
      return this;
    }

    /** Shows the window, shutting the one opened before, and waits until its engine runs. */
    public MainWindow open() throws Exception {
      if (window != null) window.shutdown();
      UploadBackend.Opener opener =
          backend != null ? backend : TestBackends.fake(fakeData, transfer, bandwidth, stickRoots);
      Stage on = stage();
      CountDownLatch ready = new CountDownLatch(1);
      interact(
          () -> {
            MainWindow w = new MainWindow(Background.pool("test-ui", 3), memory, settings);
            window = w;
            w.setPopups(popups);
            w.setKiosk(kiosk);
            beforeShow.accept(w);
            Theme.style(w);
            on.setScene(new Scene(w, width, height));
            on.setWidth(width);
            on.setHeight(height);
            on.show();
            w.startAfterFirstFrame(opener, ready::countDown);
          });
      assertTrue(ready.await(30, TimeUnit.SECONDS), "the engine did not start");
      return Objects.requireNonNull(window);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    stage = FxToolkit.registerPrimaryStage();
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    List<Exception> failures = new ArrayList<>();
    transfer.runFreely();
    // dialogs and other stages the test left open go before the window they belong to
    interact(
        () -> {
          for (Window w : new ArrayList<>(Window.getWindows())) {
            if (w != stage && w instanceof Stage other) other.close();
          }
        });
    if (window != null) window.shutdown();
    while (!afterWindow.isEmpty()) {
      try {
        afterWindow.pop().close();
      } catch (Exception e) {
        failures.add(e);
      }
    }
    FxToolkit.cleanupStages();
    FxToolkit.cleanupInput(this);
    if (!failures.isEmpty()) throw failures.get(0);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == FxRobot.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return this;
  }
}
