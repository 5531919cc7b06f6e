package org.sermonuploader.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.usb.KnownSticks;
import org.sermonuploader.usb.RemovableMediaWatcher;
import org.sermonuploader.usb.UsbUploads;
import org.sermonuploader.watch.WatchFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where recordings come from besides a drop or the command line: USB sticks and the watch folder.
 * {@link UploadService#startWithSources} opens it, adds the dialog's listener to {@link #usb()},
 * then starts it, so that a stick already plugged in is offered too. It is closed with the service.
 */
public final class MediaSources implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MediaSources.class);
  static final Duration USB_POLL = Duration.ofSeconds(1);

  private final RemovableMediaWatcher watcher;
  private final UsbUploads usb;
  private final @Nullable WatchFolder watchFolder;

  private MediaSources(
      RemovableMediaWatcher watcher, UsbUploads usb, @Nullable WatchFolder watchFolder) {
    this.watcher = watcher;
    this.usb = usb;
    this.watchFolder = watchFolder;
  }

  /** Builds both from the service's settings; nothing runs until {@link #start()}. */
  static MediaSources open(UploadService service) {
    Settings s = service.settings();
    RemovableMediaWatcher watcher = RemovableMediaWatcher.fromSettings(s, USB_POLL);
    UsbUploads usb =
        new UsbUploads(
            service.engine(),
            watcher,
            KnownSticks.load(service.dataDir()),
            s.getBoolean(Setting.USB_AUTO_QUEUE));
    WatchFolder folder = WatchFolder.fromSettings(s, service.engine()).orElse(null);
    return new MediaSources(watcher, usb, folder);
  }

  /** Where USB sticks are mounted for this user, per the settings: places to save a copy to. */
  public static List<Path> stickRoots(Settings s) {
    return RemovableMediaWatcher.roots(s, System.getProperty("user.name"));
  }

  public UsbUploads usb() {
    return usb;
  }

  public RemovableMediaWatcher watcher() {
    return watcher;
  }

  public Optional<WatchFolder> watchFolder() {
    return Optional.ofNullable(watchFolder);
  }

  public void start() {
    watcher.start();
    if (watchFolder != null) {
      // a look every few seconds is plenty against a quiet time of half a minute
      long every = Math.max(1, Math.min(5, watchFolder.quiet().toSeconds() / 3));
      watchFolder.start(Duration.ofSeconds(every));
    }
  }

  @Override
  public void close() {
    watcher.close();
    usb.close();
    if (watchFolder != null) watchFolder.close();
    log.debug("USB and watch folder stopped");
  }
}
