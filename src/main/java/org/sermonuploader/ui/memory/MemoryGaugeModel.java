package org.sermonuploader.ui.memory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.sermonuploader.config.Units;
import org.sermonuploader.memory.PressureLevel;

/** The memory gauge's figures and the last few minutes of heap use, one sample a second. */
public final class MemoryGaugeModel {
  /** Samples kept for the sparkline: three minutes at one a second. */
  public static final int HISTORY = 180;

  private final ReadOnlyObjectWrapper<PressureLevel> level =
      new ReadOnlyObjectWrapper<>(PressureLevel.NORMAL);
  private final ReadOnlyDoubleWrapper heapFraction = new ReadOnlyDoubleWrapper();
  private final ReadOnlyStringWrapper heapText = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper systemText = new ReadOnlyStringWrapper("");
  // short enough for the kiosk's compact gauge, where the level words are all the text there is
  private final ReadOnlyStringWrapper levelText = new ReadOnlyStringWrapper("measuring…");
  private final ReadOnlyStringWrapper tooltip =
      new ReadOnlyStringWrapper("The app's memory is shown once the uploader has started.");
  private final Deque<Double> history = new ArrayDeque<>();
  private final ReadOnlyObjectWrapper<List<Double>> historyView =
      new ReadOnlyObjectWrapper<>(List.of());

  public void accept(MemoryReadout.Reading r) {
    double f = r.appLimit() > 0 ? Math.min(1.0, (double) r.appUsed() / r.appLimit()) : 0;
    heapFraction.set(f);
    heapText.set("App " + Units.size(r.appUsed()) + " of " + Units.size(r.appLimit()));
    if (r.memAvailable() >= 0) {
      systemText.set("Free " + Units.size(r.memAvailable()));
    } else {
      systemText.set("");
    }
    tooltip.set(
        "Memory used by the app: "
            + Units.size(r.appUsed())
            + " of the "
            + Units.size(r.appLimit())
            + " it may use"
            + (r.memAvailable() >= 0
                ? ".\nFree on this computer: "
                    + Units.size(r.memAvailable())
                    + (r.memTotal() > 0 ? " of " + Units.size(r.memTotal()) : "")
                : "")
            + ".\nThe line shows the app's memory over the last three minutes."
            + "\nUploads pause by themselves when memory is tight.");
    PressureLevel l = r.level() == null ? PressureLevel.NORMAL : r.level();
    level.set(l);
    levelText.set(levelWords(l));
    history.addLast(f);
    while (history.size() > HISTORY) history.removeFirst();
    historyView.set(List.copyOf(new ArrayList<>(history)));
  }

  /** What the level means for a volunteer. */
  public static String levelWords(PressureLevel l) {
    switch (l) {
      case WARNING:
        return "memory tight";
      case CRITICAL:
        return "memory critical";
      case NORMAL:
      default:
        return "memory OK";
    }
  }

  /** The style class for a level; colours for each are looked-up colours in app.css. */
  public static String styleClass(PressureLevel l) {
    return "level-" + l.words();
  }

  public ReadOnlyObjectProperty<PressureLevel> levelProperty() {
    return level.getReadOnlyProperty();
  }

  public ReadOnlyDoubleProperty heapFractionProperty() {
    return heapFraction.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty heapTextProperty() {
    return heapText.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty systemTextProperty() {
    return systemText.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty tooltipProperty() {
    return tooltip.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty levelTextProperty() {
    return levelText.getReadOnlyProperty();
  }

  /** Heap fractions, oldest first. */
  public ReadOnlyObjectProperty<List<Double>> historyProperty() {
    return historyView.getReadOnlyProperty();
  }
}
