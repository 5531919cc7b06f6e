package org.sermonuploader.app;

import org.sermonuploader.cli.Cli;

/**
 * Starts the app: with a subcommand it runs headless (the CLI); with none it opens the window.
 * Not a javafx Application itself, so the jar runs with JavaFX on the plain class path.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Logging.init(AppPaths.dataDir(System.getenv()));
    boolean window = args.length == 0 || (args.length == 1 && args[0].equals("--kiosk"));
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
