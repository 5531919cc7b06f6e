package org.sermonuploader.ui.shell;

import javafx.scene.Scene;

/** Work to do once, when a scene's first frame is laid out (after the window is shown). */
final class FirstFrame {
  private FirstFrame() {}

  /** Runs {@code work} on the FX thread after the scene's next layout, once. */
  static void then(Scene scene, Runnable work) {
    scene.addPostLayoutPulseListener(
        new Runnable() {
          @Override
          public void run() {
            scene.removePostLayoutPulseListener(this);
            work.run();
          }
        });
  }
}
