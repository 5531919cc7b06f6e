package org.sermonuploader.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.memory.PressureGate;
import org.sermonuploader.model.Stick;
import org.sermonuploader.model.StickOffer;
import org.sermonuploader.model.StickOfferListener;

@Timeout(60)
class MediaSourcesTest {
  private static final Set<String> THREADS = Set.of("usb-watch", "usb-uploads", "watch-folder");

  @TempDir Path dir;

  private static boolean running(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals(name) && t.isAlive());
  }

  @Test
  void sticksAndTheWatchFolderFeedTheEngineUntilTheServiceCloses() throws Exception {
    Path roots = Files.createDirectories(dir.resolve("sticks"));
    Path folder = Files.createDirectories(dir.resolve("recorder"));
    Settings s =
        Settings.defaults()
            .with(Setting.USB_MOUNT_ROOTS, roots.toString())
            .with(Setting.WATCH_FOLDER, folder.toString())
            .with(Setting.WATCH_QUIET_SECONDS, "1");
    BlockingQueue<StickOffer> offers = new LinkedBlockingQueue<>();
    try (UploadService service =
        UploadService.builder(s, dir.resolve("data")).gateOnly(PressureGate.NEVER_PRESSED).open()) {
      Path stick = Files.createDirectories(roots.resolve("RECORDER"));
      Files.write(stick.resolve("a.wav"), new byte[100]); // plugged in before the app started
      List<String> told = new ArrayList<>();
      service.startWithSources(
          usb ->
              new StickOfferListener() {
                @Override
                public void stickOffered(StickOffer offer) {
                  offers.add(offer);
                }

                @Override
                public void stickRemoved(Stick stick) {}
              },
          told::add);
      assertEquals(List.of(), told, "both sources are watched");

      StickOffer offer = offers.poll(10, TimeUnit.SECONDS);
      assertNotNull(offer, "the stick already in is offered");
      assertEquals(List.of("a.wav"), offer.toChoose().stream().map(r -> r.name()).toList());

      Files.write(folder.resolve("b.wav"), new byte[100]);
      Awaitility.await("the watch folder queues the new recording")
          .atMost(Duration.ofSeconds(20))
          .until(() -> !service.engine().jobs().isEmpty());
      assertEquals(
          folder.resolve("b.wav"),
          service.engine().jobs().get(0).path(),
          "the watch folder queued it");
      for (String t : THREADS) assertTrue(running(t), t + " runs");
    }
    Awaitility.await("every source thread stops with the service")
        .atMost(Duration.ofSeconds(5))
        .until(() -> THREADS.stream().noneMatch(MediaSourcesTest::running));
  }

  @Test
  void noWatchFolderUnlessOneIsSet() throws Exception {
    try (UploadService service =
        UploadService.builder(Settings.defaults(), dir.resolve("data"))
            .gateOnly(PressureGate.NEVER_PRESSED)
            .open()) {
      MediaSources sources = MediaSources.open(service);
      assertTrue(sources.watchFolder().isEmpty());
      assertTrue(
          sources
              .watcher()
              .mountRoots()
              .contains(Path.of("/media", System.getProperty("user.name"))));
    }
  }
}
