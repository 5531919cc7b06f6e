package org.sermonuploader.app;

import org.sermonuploader.cli.Cli;

/**
 * Starts the app: with a subcommand it runs headless (the CLI); with none (or --kiosk, --add FILE...)
 * it opens the window.
 * Not a javafx Application itself, so the jar runs with JavaFX on the plain class path.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Logging.init(AppPaths.dataDir(System.getenv()));
    // --add FILE... opens the window and queues the files, as a drop would
    boolean window = args.length == 0 || args[0].equals("--kiosk") || args[0].equals("--add");
    if (window) {
      try {
        Class<?> desktop = Class.forName("org.sermonuploader.ui.DesktopApp");
        desktop.getMethod("launchApp", String[].class).invoke(null, (Object) args);
        return;
      } catch (ClassNotFoundException e) {
        // built without the window: fall through to the CLI's help
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("The window could not be opened", e);
      }
    }
    System.exit(Cli.run(args, System.getenv(), System.out, System.err));
  }
}
