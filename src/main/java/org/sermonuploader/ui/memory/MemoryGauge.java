package org.sermonuploader.ui.memory;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Polyline;
import javafx.util.Duration;
import org.sermonuploader.model.PressureLevel;
import org.sermonuploader.ui.Background;
import org.sermonuploader.ui.FxThread;

/**
 * A small always-visible memory gauge: level in colour and words, the app's memory against its
 * budget, the system's free memory, and a sparkline of the last minutes. Samples once a second; the
 * reading itself runs in the background. Says "measuring…" until its readout has a reading.
 */
public final class MemoryGauge extends HBox {
  private static final double SPARK_W = 90;
  private static final double SPARK_H = 18;

  private final MemoryGaugeModel model;
  private final MemoryReadout readout;
  private final Background background;
  private final Timeline timeline;
  private final AtomicBoolean reading = new AtomicBoolean();
  private final Polyline spark = new Polyline();
  private final List<Region> details;

  public MemoryGauge(MemoryGaugeModel model, MemoryReadout readout, Background background) {
    this.model = model;
    this.readout = readout;
    this.background = background;
    getStyleClass().add("memory-gauge");
    setAlignment(Pos.CENTER_LEFT);
    setSpacing(6);

    Region dot = new Region();
    dot.getStyleClass().add("level-dot");
    Label level = new Label();
    level.getStyleClass().add("level-text");
    level.textProperty().bind(model.levelTextProperty());
    level.setMinWidth(Region.USE_PREF_SIZE);

    Region fill = new Region();
    fill.getStyleClass().add("gauge-fill");
    StackPane bar = new StackPane(fill);
    bar.getStyleClass().add("gauge-bar");
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setMinWidth(60);
    bar.setPrefWidth(60);
    bar.setMaxHeight(10);
    fill.maxWidthProperty().bind(bar.widthProperty().multiply(model.heapFractionProperty()));
    fill.prefWidthProperty().bind(fill.maxWidthProperty());

    Label heap = new Label();
    heap.getStyleClass().add("heap-text");
    heap.textProperty().bind(model.heapTextProperty());
    heap.setMinWidth(Region.USE_PREF_SIZE);
    Label system = new Label();
    system.getStyleClass().add("system-text");
    system.textProperty().bind(model.systemTextProperty());
    system.setMinWidth(Region.USE_PREF_SIZE);

    spark.getStyleClass().add("sparkline");
    Pane sparkPane = new Pane(spark);
    sparkPane.getStyleClass().add("sparkline-pane");
    sparkPane.setMinSize(SPARK_W, SPARK_H);
    sparkPane.setPrefSize(SPARK_W, SPARK_H);
    sparkPane.setMaxSize(SPARK_W, SPARK_H);
    model.historyProperty().addListener((o, a, b) -> drawSpark(b));

    getChildren().addAll(dot, level, bar, heap, system, sparkPane);
    details = List.of(heap, system, sparkPane);
    for (Region r : details) r.managedProperty().bind(r.visibleProperty());
    Tooltip tip = new Tooltip();
    tip.textProperty().bind(model.tooltipProperty());
    Tooltip.install(this, tip);
    model.levelProperty().addListener((o, a, b) -> applyLevel(b));
    applyLevel(model.levelProperty().get());

    timeline = new Timeline(new KeyFrame(Duration.seconds(1), e -> sample()));
    timeline.setCycleCount(Animation.INDEFINITE);
  }

  /** Compact: the level in colour and words and the bar only; the figures are a tap away. */
  public void setCompact(boolean compact) {
    for (Region r : details) r.setVisible(!compact);
  }

  public MemoryGaugeModel model() {
    return model;
  }

  /** Starts sampling now and then every second. */
  public void start() {
    assert FxThread.checked("The memory gauge");
    sample();
    timeline.play();
  }

  /** Any thread: the sampling stops on the FX thread. */
  public void stop() {
    FxThread.run(timeline::stop);
  }

  private void sample() {
    if (!reading.compareAndSet(false, true)) return; // the last reading has not come back yet
    background.run(
        () -> {
          try {
            MemoryReadout.Reading r = readout.read();
            if (r != null) Platform.runLater(() -> model.accept(r));
          } finally {
            reading.set(false);
          }
        });
  }

  private void applyLevel(PressureLevel level) {
    for (PressureLevel l : PressureLevel.values())
      getStyleClass().remove(MemoryGaugeModel.styleClass(l));
    getStyleClass().add(MemoryGaugeModel.styleClass(level));
  }

  private void drawSpark(List<Double> values) {
    int n = values.size();
    // scaled to the recent peak, so a small heap's ups and downs still show
    double peak = 0;
    for (double v : values) peak = Math.max(peak, v);
    double scale = Math.min(1.0, Math.max(0.05, peak * 1.25));
    Double[] pts = new Double[n * 2];
    double step = SPARK_W / (MemoryGaugeModel.HISTORY - 1);
    double x0 = SPARK_W - (n - 1) * step;
    for (int i = 0; i < n; i++) {
      pts[2 * i] = x0 + i * step;
      pts[2 * i + 1] = SPARK_H - 1 - values.get(i) / scale * (SPARK_H - 2);
    }
    spark.getPoints().setAll(pts);
  }
}
