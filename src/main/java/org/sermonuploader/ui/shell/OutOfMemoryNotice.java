package org.sermonuploader.ui.shell;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.sermonuploader.model.EngineEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Running out of memory is never silent: an {@link OutOfMemoryError} that reaches the top of a
 * thread (the FX thread's above all, where it used to leave a blank window and a gauge saying
 * "memory OK") puts the plain words on the window's banner. Installed as the default handler for
 * uncaught exceptions while the window runs; the handler it replaces still gets every exception.
 */
final class OutOfMemoryNotice implements Thread.UncaughtExceptionHandler {
  static final String MESSAGE = EngineEvent.OUT_OF_MEMORY_MESSAGE;
  private static final Logger log = LoggerFactory.getLogger(OutOfMemoryNotice.class);

  private final Executor fx;
  private final Consumer<String> show;
  private final AtomicBoolean pending = new AtomicBoolean();
  private Thread.@org.jspecify.annotations.Nullable UncaughtExceptionHandler before;

  OutOfMemoryNotice(Executor fx, Consumer<String> show) {
    this.fx = fx;
    this.show = show;
  }

  void install() {
    if (Thread.getDefaultUncaughtExceptionHandler() == this) return;
    before = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler(this);
  }

  void uninstall() {
    if (Thread.getDefaultUncaughtExceptionHandler() == this) {
      Thread.setDefaultUncaughtExceptionHandler(before);
    }
  }

  @Override
  public void uncaughtException(Thread t, Throwable e) {
    if (isOutOfMemory(e)) {
      // told once until it has been shown: a failing FX thread may throw it on every pulse
      if (pending.compareAndSet(false, true)) {
        fx.execute(
            () -> {
              pending.set(false);
              show.accept(MESSAGE);
            });
      }
      log.error("Out of memory in {}", t.getName(), e);
    }
    Thread.UncaughtExceptionHandler b = before;
    if (b != null) b.uncaughtException(t, e);
    else if (!isOutOfMemory(e)) log.error("Uncaught in {}", t.getName(), e);
  }

  static boolean isOutOfMemory(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof OutOfMemoryError) return true;
    }
    return false;
  }
}
