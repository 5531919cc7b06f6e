package org.sermonuploader.ui.bandwidth;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.app.UploadLimit;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.model.LimitOverride;
import org.sermonuploader.model.UploadLimitNow;
import org.sermonuploader.ui.Background;
import org.sermonuploader.ui.BandwidthText;

/**
 * The upload limit as the window shows it, and the one-tap overrides. The taps only set a field of
 * the running uploader's {@link UploadLimit}, so they act on the FX thread at once; asking whether
 * the clock is set may run a command, so that happens in the background.
 */
public final class BandwidthBarModel {
  private static final Set<Setting> LIMITS =
      EnumSet.of(Setting.BANDWIDTH_LIMIT, Setting.LIVESTREAM_LIMIT);

  private final Supplier<UploadLimit> bandwidth;
  private final BooleanSupplier clockSet;
  private final Background background;
  private final Executor ui;
  private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper livestreamHint = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper clockWarning = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper canLivestream = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper canFullSpeed = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper overridden = new ReadOnlyBooleanWrapper();
  private final ReadOnlyStringWrapper backText = new ReadOnlyStringWrapper("Back to the timetable");
  private Runnable onChange = () -> {};

  /** The limit last shown: a reopened uploader's new one takes its override over (FX thread). */
  private @Nullable UploadLimit shown;

  /**
   * {@code bandwidth} gives the running uploader's limit, or null while none runs; {@code clockSet}
   * says whether the clock is set from the network.
   */
  public BandwidthBarModel(
      Supplier<UploadLimit> bandwidth,
      BooleanSupplier clockSet,
      Background background,
      Executor ui) {
    this.bandwidth = bandwidth;
    this.clockSet = clockSet;
    this.background = background;
    this.ui = ui;
  }

  /** Told after a tap changed the limit, so other texts showing it follow at once. */
  public void setOnChange(Runnable onChange) {
    this.onChange = onChange;
  }

  /**
   * Reads the limit in force again (FX thread): a timetable entry or an override may have ended.
   */
  public void refresh() {
    UploadLimit b = bandwidth.get();
    if (b != null && shown != null && !b.equals(shown)) b.keepOverrideOf(shown);
    if (b != null) shown = b;
    if (b == null) {
      text.set("");
      canLivestream.set(false);
      canFullSpeed.set(false);
      overridden.set(false);
      return;
    }
    UploadLimitNow limit = b.inForce();
    LimitOverride override = b.override();
    text.set(BandwidthText.state(limit, override, b.now()));
    livestreamHint.set(
        "Hold uploads back to "
            + BandwidthText.rate(b.livestreamUpBytesPerSecond())
            + " for 2 hours, so the livestream keeps the line.");
    canLivestream.set(override != LimitOverride.LIVESTREAM);
    canFullSpeed.set(override != LimitOverride.FULL_SPEED && limit.limited());
    overridden.set(override != null);
    backText.set(backWords(b));
  }

  /** Where "Back to …" returns: there is no timetable to go back to without one. */
  private static String backWords(UploadLimit b) {
    if (b.timetable()) return "Back to the timetable";
    return b.usual().limited() ? "Back to the usual limit" : "Back to full speed";
  }

  /**
   * Asks in the background whether the clock is set, and warns while it is not and a timetable
   * decides the limit.
   */
  public void checkClock() {
    UploadLimit b = bandwidth.get();
    if (b == null || !b.timetable()) {
      ui.execute(() -> clockWarning.set(""));
      return;
    }
    background.run(
        () -> {
          String warning = b.clockWarning(clockSet).orElse("");
          ui.execute(() -> clockWarning.set(warning));
        });
  }

  /**
   * Puts saved settings in force on the running engine when only the limits changed, so a new
   * timetable needs no restart and interrupts no upload. Returns false when anything else changed
   * (or nothing runs): then the uploader has to be reopened. Any thread.
   */
  public boolean applySettings(Settings before, Settings after) {
    UploadLimit b = bandwidth.get();
    if (b == null) return false;
    for (Setting s : Setting.values()) {
      if (!LIMITS.contains(s) && !before.get(s).equals(after.get(s))) return false;
    }
    b.apply(after);
    ui.execute(
        () -> {
          refresh();
          checkClock();
          onChange.run();
        });
    return true;
  }

  public void livestreamNow() {
    act(UploadLimit::livestreamNow);
  }

  public void fullSpeedNow() {
    act(UploadLimit::fullSpeedNow);
  }

  public void backToTimetable() {
    act(UploadLimit::backToTimetable);
  }

  private void act(Consumer<UploadLimit> tap) {
    UploadLimit b = bandwidth.get();
    if (b == null) return;
    tap.accept(b);
    refresh();
    onChange.run();
  }

  public ReadOnlyStringProperty textProperty() {
    return text.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty livestreamHintProperty() {
    return livestreamHint.getReadOnlyProperty();
  }

  /** The warning that the timetable may be read against a wrong clock, or "". */
  public ReadOnlyStringProperty clockWarningProperty() {
    return clockWarning.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty canLivestreamProperty() {
    return canLivestream.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty canFullSpeedProperty() {
    return canFullSpeed.getReadOnlyProperty();
  }

  /** "Back to the timetable", or where the limit returns to when there is no timetable. */
  public ReadOnlyStringProperty backTextProperty() {
    return backText.getReadOnlyProperty();
  }

  /** Whether a tap set the timetable aside, so "Back to the timetable" is offered. */
  public ReadOnlyBooleanProperty overriddenProperty() {
    return overridden.getReadOnlyProperty();
  }
}
