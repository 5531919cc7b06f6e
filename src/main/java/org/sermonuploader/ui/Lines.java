package org.sermonuploader.ui;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.DoubleBinding;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;

/**
 * Labels measured in lines of their own font: a name that may take two lines on a small screen, a
 * summary that always takes two so a longer text never moves what is below it.
 */
public final class Lines {
  private Lines() {}

  /** Wraps the label onto at most {@code lines} lines; text longer than that ends in "…". */
  public static void atMost(Label label, int lines) {
    label.setWrapText(true);
    label.maxHeightProperty().bind(height(label, lines));
  }

  /** Always {@code lines} lines high, however short or long the text. */
  public static void fixed(Label label, int lines) {
    label.setWrapText(true);
    DoubleBinding h = height(label, lines);
    label.minHeightProperty().bind(h);
    label.prefHeightProperty().bind(h);
    label.maxHeightProperty().bind(h);
  }

  /** Back to one line, shortened with "…" where it does not fit. */
  public static void one(Label label) {
    label.setWrapText(false);
    label.maxHeightProperty().unbind();
    label.setMaxHeight(Region.USE_COMPUTED_SIZE);
  }

  private static DoubleBinding height(Label label, int lines) {
    return Bindings.createDoubleBinding(
        () -> {
          Text probe = new Text("Ag" + "\nAg".repeat(lines - 1));
          probe.setFont(label.getFont());
          probe.setLineSpacing(label.getLineSpacing());
          return Math.ceil(probe.getLayoutBounds().getHeight())
              + label.getInsets().getTop()
              + label.getInsets().getBottom();
        },
        label.fontProperty(),
        label.lineSpacingProperty(),
        label.insetsProperty());
  }
}
