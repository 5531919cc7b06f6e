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
import org.sermonuploader.model.PressureLevel;

/**
 * The memory gauge's figures and the last few minutes of the app's memory, one sample a second. The
 * level is the monitor's, or the Java heap's when that is worse: a heap that fills up ends in
 * running out of memory whatever the process's resident memory says.
 */
public final class MemoryGaugeModel {
  /** Samples kept for the sparkline: three minutes at one a second. */
  public static final int HISTORY = 180;

  /** Shares of the heap limit still in use after collections where memory is tight, critical. */
  static final double HEAP_WARNING = 0.75;

  static final double HEAP_CRITICAL = 0.90;

  /**
   * Heap samples looked at: the least of them is what survived the collections in between (a small,
   * busy heap collects every few seconds), not garbage waiting for the next one.
   */
  static final int HEAP_WINDOW = 5;

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
  private final Deque<Double> heapRecent = new ArrayDeque<>();
  private final ReadOnlyObjectWrapper<List<Double>> historyView =
      new ReadOnlyObjectWrapper<>(List.of());

  public void accept(MemoryReadout.Reading r) {
    double f = r.appLimit() > 0 ? Math.min(1.0, (double) r.appUsed() / r.appLimit()) : 0;
    heapFraction.set(f);
    boolean heapApart = r.heapMax() > 0 && r.heapUsed() >= 0 && r.heapUsed() != r.appUsed();
    String heap =
        heapApart ? "heap " + Units.size(r.heapUsed()) + " of " + Units.size(r.heapMax()) : "";
    // the machine's memory is the figure a volunteer can weigh ("6 % of memory"); the budget, a
    // setting, only where the machine's total is not known
    heapText.set(
        "App "
            + Units.size(r.appUsed())
            + (r.memTotal() > 0
                ? " · " + shareOf(r.appUsed(), r.memTotal()) + " of memory"
                : " of " + Units.size(r.appLimit()))
            + (heapApart ? " · " + heap : ""));
    if (r.memAvailable() >= 0) {
      systemText.set("Free " + Units.size(r.memAvailable()));
    } else {
      systemText.set("");
    }
    tooltip.set(
        "Memory used by the app: "
            + Units.size(r.appUsed())
            + (r.memTotal() > 0
                ? ", " + shareOf(r.appUsed(), r.memTotal()) + " of this computer's memory"
                : "")
            + ", of the "
            + Units.size(r.appLimit())
            + " it may use"
            + (heapApart
                ? ".\nJava heap: " + Units.size(r.heapUsed()) + " of " + Units.size(r.heapMax())
                : "")
            + (r.memAvailable() >= 0
                ? ".\nFree on this computer: "
                    + Units.size(r.memAvailable())
                    + (r.memTotal() > 0 ? " of " + Units.size(r.memTotal()) : "")
                : "")
            + ".\nThe line shows the app's memory over the last three minutes."
            + "\nUploads pause by themselves when memory is tight.");
    PressureLevel l = worse(r.level() == null ? PressureLevel.NORMAL : r.level(), heapLevel(r));
    level.set(l);
    levelText.set(levelWords(l));
    history.addLast(f);
    while (history.size() > HISTORY) history.removeFirst();
    historyView.set(List.copyOf(new ArrayList<>(history)));
  }

  /**
   * The heap's own level from the least share in use over the last {@link #HEAP_WINDOW} samples.
   */
  private PressureLevel heapLevel(MemoryReadout.Reading r) {
    if (r.heapUsed() < 0 || r.heapMax() <= 0) {
      heapRecent.clear();
      return PressureLevel.NORMAL;
    }
    heapRecent.addLast((double) r.heapUsed() / r.heapMax());
    while (heapRecent.size() > HEAP_WINDOW) heapRecent.removeFirst();
    double least = 1;
    for (double d : heapRecent) least = Math.min(least, d);
    if (least >= HEAP_CRITICAL) return PressureLevel.CRITICAL;
    return least >= HEAP_WARNING ? PressureLevel.WARNING : PressureLevel.NORMAL;
  }

  private static PressureLevel worse(PressureLevel a, PressureLevel b) {
    return a.compareTo(b) >= 0 ? a : b;
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

  /** "6 %", "<1 %": whole percents, as a share that small is all it needs to say. */
  static String shareOf(long part, long whole) {
    double percent = 100.0 * part / whole;
    return percent < 1 ? "<1 %" : Math.round(percent) + " %";
  }
}
