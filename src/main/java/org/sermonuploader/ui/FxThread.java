package org.sermonuploader.ui;

import javafx.application.Platform;

/**
 * The FX thread's rules in one place. JavaFX 21 keeps its running animations in a plain array
 * walked on every pulse: a Timeline or Transition played or stopped from another thread can leave a
 * hole in it, and the next pulse ends in a NullPointerException inside JavaFX
 * (AbstractPrimaryTimer.timePulseImpl) with no trace of who did it. So animations are started and
 * stopped through here only.
 */
public final class FxThread {
  private FxThread() {}

  /**
   * Runs {@code work} now when on the FX thread, else hands it to the FX thread. Used where a
   * caller may be any thread (closing the window from a test or a shutdown hook).
   */
  public static void run(Runnable work) {
    if (Platform.isFxApplicationThread()) work.run();
    else Platform.runLater(work);
  }

  /**
   * A guard where an animation is played or stopped: with assertions on (the tests) a call from
   * another thread fails there, at its cause, instead of a pulse later inside JavaFX.
   */
  public static boolean checked(String what) {
    if (!Platform.isFxApplicationThread()) {
      throw new IllegalStateException(
          what + " touched from " + Thread.currentThread().getName() + ", not the FX thread");
    }
    return true;
  }
}
