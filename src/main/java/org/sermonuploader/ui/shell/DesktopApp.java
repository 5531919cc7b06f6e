package org.sermonuploader.ui.shell;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.config.AppPaths;
import org.sermonuploader.config.Setting;
import org.sermonuploader.ui.Background;
import org.sermonuploader.ui.Theme;
import org.sermonuploader.ui.kiosk.KioskMode;
import org.sermonuploader.ui.memory.SystemMemoryReadout;
import org.sermonuploader.ui.settings.SettingsAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop window. Started by Main with no arguments, with --kiosk (full-screen touch mode, also
 * with the setting KIOSK=true), or with --add FILE... (queues those files once the uploader is
 * ready, as a drop would).
 */
public final class DesktopApp extends Application {
  private static final Logger log = LoggerFactory.getLogger(DesktopApp.class);

  private MainWindow window;
  private Options options;
  private Path dataDir;
  private SettingsAccess settings;
  private boolean kiosk;
  private Optional<WindowSize> keptSize = Optional.empty();
  private long jvmStart;
  // set on the FX thread when the window closes, written by the launcher after it returned
  private static volatile @Nullable Runnable keepSize;

  public static void launchApp(String[] args) {
    Application.launch(DesktopApp.class, args);
    Runnable keep = keepSize;
    if (keep != null) keep.run();
    // the embedded store's server threads are not daemons; the window is closed and the engine too
    System.exit(0);
  }

  /** The arguments the window understands. */
  record Options(boolean kiosk, List<Path> add) {
    static Options parse(List<String> args) {
      boolean kiosk = false;
      List<Path> add = new ArrayList<>();
      boolean adding = false;
      for (String a : args) {
        if (a.equals("--kiosk")) {
          kiosk = true;
        } else if (a.equals("--add")) {
          adding = true;
        } else if (adding) {
          add.add(Path.of(a));
        } else {
          throw new IllegalArgumentException("unknown option " + a);
        }
      }
      return new Options(kiosk, add);
    }
  }

  /**
   * Reads the options and whether to start in kiosk mode: on the launcher thread, not the FX
   * thread.
   */
  @Override
  public void init() {
    options = Options.parse(getParameters().getRaw());
    Map<String, String> env = System.getenv();
    dataDir = AppPaths.dataDir(env);
    settings = SettingsAccess.of(dataDir, env);
    kiosk = options.kiosk();
    if (!kiosk) {
      try {
        kiosk = settings.loadSaved().overlay(env).getBoolean(Setting.KIOSK);
      } catch (IOException | RuntimeException e) {
        log.warn("Could not read KIOSK from the settings: {}", e.toString());
      }
    }
    keptSize = WindowSize.read(dataDir);
    jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
  }

  @Override
  public void start(Stage stage) {
    Background work = Background.pool("ui-work", 3);
    window = new MainWindow(work, SystemMemoryReadout.forThisMachine(), settings);
    Theme.style(window);

    Rectangle2D screen = Screen.getPrimary().getVisualBounds();
    Scene scene = new Scene(window);
    stage.setScene(scene);
    WindowSize.toOpen(keptSize, screen).apply(stage, screen);
    stage.setTitle("Sermon Uploader");
    stage.setMinWidth(Math.min(800, screen.getWidth()));
    stage.setMinHeight(Math.min(480, screen.getHeight()));
    KioskMode kioskMode = new KioskMode(stage, window.kioskProperty());
    if (kiosk) kioskMode.enter();
    window.askBeforeClosing(stage);
    stage.setOnHidden(
        e ->
            WindowSize.leftAt(stage)
                .filter(size -> !window.isKiosk())
                .ifPresent(size -> keepSize = () -> size.write(dataDir)));
    FirstFrame.then(
        scene,
        () -> {
          long shownAfter = System.currentTimeMillis() - jvmStart;
          // off the FX thread: the log file, the JVM's figures, the icons read from the jar
          work.run(
              () -> {
                log.info(
                    "First frame {} ms after launch, {} ms of CPU{}",
                    shownAfter,
                    cpuMillis(),
                    kiosk ? " (kiosk mode)" : "");
                List<Image> icons = Theme.icons();
                Platform.runLater(() -> stage.getIcons().addAll(icons));
              });
        });
    stage.show();
    window.startAfterFirstFrame(
        settings.opener(),
        () -> {
          if (!options.add().isEmpty()) window.dropHandler().accept(options.add());
        });
  }

  /** The CPU time of all the app's threads so far, or -1 where the JVM does not say. */
  private static long cpuMillis() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() / 1_000_000
        : -1;
  }

  @Override
  public void stop() {
    if (window != null) window.shutdown();
    Platform.exit();
  }
}
