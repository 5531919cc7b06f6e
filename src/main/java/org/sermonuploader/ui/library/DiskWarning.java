package org.sermonuploader.ui.library;

import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.sermonuploader.app.Library;
import org.sermonuploader.ui.Background;
import org.sermonuploader.ui.NoticeBanner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A banner while the recordings kept on this computer are filling its disk (on a Pi, the SD card),
 * saying what to do; looked at when the app starts and after each upload.
 */
public final class DiskWarning {
  private static final Logger log = LoggerFactory.getLogger(DiskWarning.class);

  private final Supplier<Optional<Library>> library;
  private final Background background;
  private final Executor ui;
  private final NoticeBanner banner = new NoticeBanner();
  private volatile Library.SpaceProbe probe = Library.DISK;
  // looks asked for and not yet begun, plus the one under way
  private final AtomicInteger asked = new AtomicInteger();

  public DiskWarning(Supplier<Optional<Library>> library, Background background, Executor ui) {
    this.library = library;
    this.background = background;
    this.ui = ui;
    banner.setId("disk-warning");
    banner.getStyleClass().add("disk-warning");
  }

  public NoticeBanner node() {
    return banner;
  }

  /** Measures with {@code probe} instead of the disk (tests). */
  public void setProbe(Library.SpaceProbe probe) {
    this.probe = probe;
  }

  /**
   * Looks at the disk in the background. Asked again while a look runs, it looks once more when
   * that one ends: an archive finishing 20 uploads a second costs a walk of the kept recordings
   * after the other, not 20 a second queued up in front of the window's other work.
   */
  public void check() {
    if (asked.getAndIncrement() > 0) return; // the look under way looks again
    background.run(
        () -> {
          int seen;
          do {
            seen = asked.get();
            look();
          } while (asked.addAndGet(-seen) > 0);
        });
  }

  private void look() {
    Optional<Library> l = library.get();
    if (l.isEmpty()) return;
    try {
      Optional<String> warning = l.get().diskWarning(probe);
      ui.execute(
          () -> {
            if (warning.isPresent()) banner.show(warning.get());
            else banner.hide();
          });
    } catch (Exception e) {
      log.warn("The free space of the local store could not be measured", e);
    }
  }
}
