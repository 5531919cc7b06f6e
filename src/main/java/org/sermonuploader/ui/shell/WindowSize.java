package org.sermonuploader.ui.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import javafx.geometry.Rectangle2D;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop window's size: 70 % of the screen the first time (a fixed size left it at two rows
 * under a banner on a laptop), then the size the volunteer left it at, kept in the data folder.
 * Read and written off the FX thread.
 */
record WindowSize(double width, double height) {
  private static final Logger log = LoggerFactory.getLogger(WindowSize.class);
  static final String FILE = "window.properties";
  static final double SHARE = 0.7;
  static final double MIN_WIDTH = 800;
  static final double MIN_HEIGHT = 480;

  /** The size the window was left at, if one was kept. */
  static Optional<WindowSize> read(Path dataDir) {
    Path f = dataDir.resolve(FILE);
    if (!Files.isRegularFile(f)) return Optional.empty();
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(f)) {
      p.load(in);
      return Optional.of(
          new WindowSize(
              Double.parseDouble(p.getProperty("width")),
              Double.parseDouble(p.getProperty("height"))));
    } catch (IOException | RuntimeException e) {
      log.warn("Could not read the window size from {}: {}", f, e.toString());
      return Optional.empty();
    }
  }

  /** Keeps this size for the next start; a failure costs only the size. */
  void write(Path dataDir) {
    Properties p = new Properties();
    p.setProperty("width", Long.toString(Math.round(width)));
    p.setProperty("height", Long.toString(Math.round(height)));
    try {
      Files.createDirectories(dataDir);
      Path tmp = Files.createTempFile(dataDir, FILE, ".tmp");
      try (OutputStream out = Files.newOutputStream(tmp)) {
        p.store(out, "the desktop window's size, kept for the next start");
      }
      Files.move(tmp, dataDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      log.warn("Could not keep the window size: {}", e.toString());
    }
  }

  /** The size to open at on {@code screen}: the kept one, or 70 % of it; never beyond it. */
  static WindowSize toOpen(Optional<WindowSize> kept, Rectangle2D screen) {
    WindowSize s =
        kept.orElse(new WindowSize(screen.getWidth() * SHARE, screen.getHeight() * SHARE));
    double w = Math.min(Math.max(s.width, MIN_WIDTH), screen.getWidth());
    double h = Math.min(Math.max(s.height, MIN_HEIGHT), screen.getHeight());
    return new WindowSize(Math.round(w), Math.round(h));
  }

  /** Sizes {@code stage} and centres it on {@code screen}; before it is shown. */
  void apply(Stage stage, Rectangle2D screen) {
    stage.setWidth(width);
    stage.setHeight(height);
    stage.setX(screen.getMinX() + (screen.getWidth() - width) / 2);
    stage.setY(screen.getMinY() + (screen.getHeight() - height) / 2);
  }

  /** The stage's size as the volunteer left it, unless it was full screen or maximized. */
  static Optional<WindowSize> leftAt(Stage stage) {
    if (stage.isFullScreen() || stage.isMaximized() || stage.getWidth() <= 0) {
      return Optional.empty();
    }
    return Optional.of(new WindowSize(stage.getWidth(), stage.getHeight()));
  }
}
