package org.sermonuploader.ui.shell;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.scene.control.Tooltip;
import javafx.stage.Window;
import org.controlsfx.control.StatusBar;
import org.sermonuploader.ui.kiosk.TouchDialogs;
import org.sermonuploader.ui.memory.MemoryGauge;

/**
 * The line along the bottom of the window: whether the uploader is ready or has a connection
 * problem, and the memory gauge.
 */
final class StatusLine {
  private StatusLine() {}

  static StatusBar of(
      ReadOnlyStringProperty status,
      MemoryGauge gauge,
      Supplier<Window> owner,
      BooleanSupplier kiosk) {
    StatusBar bar = new StatusBar();
    bar.setId("status-bar");
    bar.textProperty().bind(status);
    Tooltip tip = new Tooltip();
    tip.textProperty().bind(status);
    bar.setTooltip(tip);
    bar.getRightItems().add(gauge);
    // what the tooltips say is a tap away too: a touch screen has no hover
    gauge.setOnMouseClicked(
        e ->
            TouchDialogs.inform(
                owner.get(),
                kiosk.getAsBoolean(),
                "Memory",
                status.get() + "\n\n" + gauge.model().tooltipProperty().get()));
    return bar;
  }
}
