package org.sermonuploader.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.config.Setting;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.memory.PressureGate;
import org.sermonuploader.memory.TestRig;

/**
 * The command line's summary comes after each recording's own line: the engine is idle as soon as
 * the last state is set, a moment before its listener (the line printer) hears of it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class UploadRecordingsTest {
  @TempDir Path tmp;
  EmbeddedStore store;
  UploadService service;

  @AfterEach
  void stop() {
    if (service != null) service.close();
    if (store != null) store.close();
  }

  @Test
  void theSummaryWaitsUntilTheListenerHeardEveryEnd() throws Exception {
    store = S3TestSupport.startStore(tmp.resolve("store"));
    service =
        UploadService.builder(
                TestRig.smallParts(2)
                    .with(Setting.MINIO_ENDPOINT, store.endpoint())
                    .with(Setting.MINIO_ACCESS_KEY, S3TestSupport.ACCESS)
                    .with(Setting.MINIO_SECRET_KEY, S3TestSupport.SECRET),
                tmp.resolve("data"))
            .gateOnly(PressureGate.NEVER_PRESSED)
            .resumeUnfinished(false)
            .open();
    service.engine().start(false);
    Path dir = Files.createDirectories(tmp.resolve("archive"));
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < 6; i++) files.add(S3TestSupport.randomFile(dir, "p" + i + ".mp3", 900, i));
    UploadRecordings uploads = new UploadRecordings(service);
    List<Long> told = new CopyOnWriteArrayList<>();
    // a listener slow to print each end, as a console can be
    uploads.listen(
        s -> {
          if (!s.state().finished()) return;
          try {
            Thread.sleep(300);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          told.add(s.id());
        });
    uploads.add(files);

    UploadRecordings.Summary summary = uploads.awaitEnd(0);

    assertEquals(6, summary.uploaded());
    assertEquals(6, told.size(), "ends told before the summary");
  }
}
