package org.sermonuploader.ui;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Parent;
import javafx.scene.image.Image;
import javafx.scene.layout.Region;

/**
 * The app's look, in one place: the stylesheet every scene and dialog uses, the kiosk style class
 * that makes touch targets big, the window icons and the fixed size of shape icons.
 */
public final class Theme {
  /** The style class on the root of every kiosk scene; app.css makes its targets big. */
  public static final String KIOSK = "kiosk";

  private static final String CSS = "app.css";

  private Theme() {}

  /** Applies the app's stylesheet to a scene root or a dialog pane. */
  public static void style(Parent root) {
    URL css = Theme.class.getResource(CSS);
    if (css != null && !root.getStylesheets().contains(css.toExternalForm())) {
      root.getStylesheets().add(css.toExternalForm());
    }
  }

  /** The window icons, small to large. Reads them from the jar: off the FX thread. */
  public static List<Image> icons() {
    List<Image> icons = new ArrayList<>();
    for (String size : List.of("icon-64.png", "icon-256.png")) {
      URL icon = Theme.class.getResource(size);
      if (icon != null) icons.add(new Image(icon.toExternalForm()));
    }
    return icons;
  }

  /** Gives a shape icon a fixed square size. */
  public static void fixSize(Region r, double px) {
    r.setMinSize(px, px);
    r.setPrefSize(px, px);
    r.setMaxSize(px, px);
  }
}
