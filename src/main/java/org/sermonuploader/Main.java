package org.sermonuploader;

import org.sermonuploader.app.Logging;
import org.sermonuploader.cli.Cli;
import org.sermonuploader.config.AppPaths;

/**
 * Starts the app: with a subcommand it runs headless (the CLI); with none (or --kiosk, --add
 * FILE...) it opens the window. Not a javafx Application itself, so the jar runs with JavaFX on the
 * plain class path.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Logging.init(AppPaths.dataDir(System.getenv()));
    // --add FILE... opens the window and queues the files, as a drop would
    boolean window = args.length == 0 || args[0].equals("--kiosk") || args[0].equals("--add");
    if (window) {
      try {
        Class<?> desktop = Class.forName("org.sermonuploader.ui.shell.DesktopApp");
        desktop.getMethod("launchApp", String[].class).invoke(null, (Object) args);
        return;
      } catch (ClassNotFoundException e) {
        // built without the window: fall through to the CLI's help
      } catch (ReflectiveOperationException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        org.slf4j.LoggerFactory.getLogger(Main.class)
            .error("The window could not be opened", cause);
        System.err.println("The window can't open here: " + whyNoWindow(cause));
        System.err.println("The commands below work without a window.");
        System.err.println();
        Cli.run(new String[] {"--help"}, System.getenv(), System.err, System.err);
        System.exit(Cli.USAGE);
      }
    }
    System.exit(Cli.run(args, System.getenv(), System.out, System.err));
  }

  private static String whyNoWindow(Throwable t) {
    String m = String.valueOf(t.getMessage());
    if (m.contains("DISPLAY")) return "no screen was found (DISPLAY is not set).";
    if (m.contains("GTK") || m.contains("glass")) {
      return "the GTK library is missing (on Debian: sudo apt-get install libgtk-3-0).";
    }
    return m;
  }
}
