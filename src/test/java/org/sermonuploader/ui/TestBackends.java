package org.sermonuploader.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.sermonuploader.app.StickUploads;
import org.sermonuploader.app.UploadQueue;
import org.sermonuploader.bandwidth.Bandwidth;
import org.sermonuploader.config.Settings;
import org.sermonuploader.engine.EngineOptions;
import org.sermonuploader.engine.ObjectKeys;
import org.sermonuploader.engine.RetryPolicy;
import org.sermonuploader.engine.UploadEngine;
import org.sermonuploader.journal.Journal;
import org.sermonuploader.memory.PressureGate;
import org.sermonuploader.model.PressureLevel;
import org.sermonuploader.model.StickOfferListener;
import org.sermonuploader.ui.memory.MemoryReadout;
import org.sermonuploader.usb.KnownSticks;
import org.sermonuploader.usb.MountTable;
import org.sermonuploader.usb.RemovableMediaWatcher;
import org.sermonuploader.usb.UsbUploads;
import org.testfx.util.WaitForAsyncUtils;

/** Engines on a fake transfer, files to drop, and waiting on the FX thread's view of things. */
public final class TestBackends {
  private TestBackends() {}

  /**
   * A backend over a journal in {@code dataDir} and the given transfer: 5 MiB parts, one in flight.
   */
  public static UploadBackend.Opener fake(Path dataDir, FakeTransfer transfer) {
    return fake(dataDir, transfer, Bandwidth.unlimited());
  }

  /** The same, sending under {@code bandwidth}. */
  public static UploadBackend.Opener fake(
      Path dataDir, FakeTransfer transfer, Bandwidth bandwidth) {
    return fake(dataDir, transfer, bandwidth, List.of());
  }

  /** The same, with USB sticks mounted in {@code stickRoots}: their files wait when pulled. */
  public static UploadBackend.Opener fake(
      Path dataDir, FakeTransfer transfer, Bandwidth bandwidth, List<Path> stickRoots) {
    return () -> {
      Journal journal = Journal.open(dataDir);
      EngineOptions options =
          EngineOptions.builder()
              .keys(new ObjectKeys("", "{filename}", "test"))
              .station("test")
              .partSize(5L << 20)
              .partsInFlight(1)
              .retry(
                  new RetryPolicy(
                      java.time.Duration.ofMillis(100), java.time.Duration.ofMillis(200)))
              .bandwidth(bandwidth)
              .removableRoots(stickRoots)
              .build();
      UploadEngine engine =
          new UploadEngine(options, journal, transfer, PressureGate.NEVER_PRESSED);
      UploadQueue queue = UploadQueue.of(engine);
      // sticks under the roots are watched as the app watches them: one that comes back under
      // another mount name is found again (no dialogs: the tests ask the rows only)
      RemovableMediaWatcher watcher =
          stickRoots.isEmpty()
              ? null
              : new RemovableMediaWatcher(
                  stickRoots,
                  java.time.Duration.ofMillis(100),
                  new MountTable(dataDir.resolve("no-mount-table"), null, null));
      UsbUploads usb =
          watcher == null
              ? null
              : new UsbUploads(engine, watcher, KnownSticks.load(dataDir), false);
      return new UploadBackend() {
        @Override
        public UploadQueue queue() {
          return queue;
        }

        @Override
        public List<String> start(Function<StickUploads, StickOfferListener> stickOffers)
            throws Exception {
          engine.start();
          if (watcher != null) watcher.start();
          return List.of();
        }

        @Override
        public List<String> notices() {
          return List.of();
        }

        @Override
        public Settings settings() {
          return null;
        }

        @Override
        public void close() {
          if (usb != null) usb.close();
          if (watcher != null) watcher.close();
          engine.close();
          journal.close();
        }
      };
    };
  }

  public static Path recording(Path dir, String name, long size) throws IOException {
    Path p = dir.resolve(name);
    byte[] data = new byte[(int) size];
    new Random(name.hashCode()).nextBytes(data);
    Files.write(p, data);
    return p;
  }

  /** A readout that says what the test wants. */
  public static MemoryReadout fixedMemory(PressureLevel level) {
    return () -> new MemoryReadout.Reading(100L << 20, 1L << 30, 2L << 30, 4L << 30, level);
  }

  /** Waits until the condition, evaluated on the FX thread, holds. */
  public static void waitFx(long seconds, Callable<Boolean> condition) throws TimeoutException {
    WaitForAsyncUtils.waitFor(
        seconds, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
  }

  public static <T> T onFx(Callable<T> what) throws Exception {
    return WaitForAsyncUtils.asyncFx(what).get(10, TimeUnit.SECONDS);
  }
}
