package org.sermonuploader.ui.settings;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.app.ServerChange;
import org.sermonuploader.app.UploadLimit;
import org.sermonuploader.config.Settings;
import org.sermonuploader.ui.Background;
import org.sermonuploader.ui.NoticeBanner;
import org.sermonuploader.ui.UploadBackend;
import org.sermonuploader.ui.kiosk.TouchDialogs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Settings button's way: read the saved settings off the FX thread, show the dialog, save what
 * it returns, then put it in force and say so: a change of the limits on the running uploader,
 * anything else by reopening it. A change of server with uploads begun asks first: they start again
 * on the new server. Files are read and written in the background; a failure is told in the banner.
 */
public final class SettingsFlow {
  private static final Logger log = LoggerFactory.getLogger(SettingsFlow.class);

  private final Background background;
  private final SettingsAccess settings;
  private final Supplier<Window> owner;
  private final NoticeBanner notices;
  private final Reopen reopen;
  private final Live live;
  private final Supplier<@Nullable UploadLimit> bandwidth;
  private final Supplier<@Nullable UploadBackend> running;

  /** Said when the volunteer keeps the current server. */
  public static final String NOT_SAVED =
      "Settings not saved: the uploads go on to the current server.";

  /** Opens a new backend after the settings changed; {@code onReady} runs once it runs. */
  public interface Reopen {
    /** {@code startingOver}: the settings send to another server (see {@link ServerChange}). */
    void open(UploadBackend.Opener opener, boolean startingOver, Runnable onReady);
  }

  /**
   * Puts a change in force on the running uploader, given the settings in use before and after
   * (environment included); false when the uploader has to be reopened for it.
   */
  public interface Live {
    boolean apply(Settings before, Settings after);
  }

  public SettingsFlow(
      Background background,
      SettingsAccess settings,
      Supplier<Window> owner,
      NoticeBanner notices,
      Reopen reopen,
      Live live,
      Supplier<@Nullable UploadLimit> bandwidth,
      Supplier<@Nullable UploadBackend> running) {
    this.background = background;
    this.settings = settings;
    this.owner = owner;
    this.notices = notices;
    this.reopen = reopen;
    this.live = live;
    this.bandwidth = bandwidth;
    this.running = running;
  }

  /** Reads the saved settings and shows the dialog; called on the FX thread. */
  public void open() {
    background.run(
        () -> {
          Settings saved;
          try {
            saved = settings.loadSaved();
          } catch (IOException e) {
            log.error("Could not read the settings", e);
            Platform.runLater(
                () -> notices.show("The settings could not be read: " + e.getMessage()));
            return;
          }
          Platform.runLater(() -> show(saved));
        });
  }

  private void show(Settings saved) {
    SettingsDialog dialog =
        new SettingsDialog(
            new SettingsForm(saved, settings.environment()), background, bandwidth.get());
    Window window = owner.get();
    if (window != null) dialog.initOwner(window);
    Optional<Settings> result = dialog.showAndWait();
    result.ifPresent(toSave -> save(saved, toSave));
  }

  private void save(Settings before, Settings toSave) {
    background.run(
        () -> {
          Settings used = before.overlay(settings.environment());
          Settings next = toSave.overlay(settings.environment());
          if (!ServerChange.movesServer(used, next)) {
            store(toSave, used, next, false);
            return;
          }
          int begun = begunUploads();
          if (begun == 0) {
            store(toSave, used, next, true);
            return;
          }
          Platform.runLater(
              () -> {
                if (askToStartAgain(begun)) background.run(() -> store(toSave, used, next, true));
                else notices.show(NOT_SAVED);
              });
        });
  }

  /** The running uploads the change of server would start again; reads the journal. */
  private int begunUploads() {
    UploadBackend b = running.get();
    if (b == null) return 0;
    try {
      return b.begunUploads();
    } catch (Exception e) {
      log.warn("Could not count the uploads under way", e);
      return 0;
    }
  }

  private boolean askToStartAgain(int begun) {
    String question =
        (begun == 1 ? "1 upload will" : begun + " uploads will")
            + " start again on the new server, from the beginning. What was sent to the current"
            + " server is removed there.\n\nChange the server?";
    return TouchDialogs.confirm(
        owner.get(), false, "Change the server", question, "Yes, change it", "No");
  }

  /**
   * Saves, then puts the change in force on the running uploader or reopens it ({@code used} and
   * {@code next}: the settings in force before and after); {@code startingOver} when the new
   * settings send to another server.
   */
  private void store(Settings toSave, Settings used, Settings next, boolean startingOver) {
    try {
      settings.save(toSave);
    } catch (IOException e) {
      log.error("Could not save the settings", e);
      Platform.runLater(() -> notices.show("The settings could not be saved: " + e.getMessage()));
      return;
    }
    if (!startingOver && live.apply(used, next)) {
      log.info("Settings saved and put in force without reopening the uploader");
      Platform.runLater(() -> notices.show("Settings saved and in use."));
      return;
    }
    log.info("Settings saved; reopening the uploader");
    // the new backend's own notices (shown just before) stay under this line
    Platform.runLater(
        () ->
            reopen.open(
                settings.opener(),
                startingOver,
                () ->
                    notices.show(
                        notices.text().isEmpty()
                            ? "Settings saved and in use."
                            : "Settings saved and in use.\n" + notices.text())));
  }
}
