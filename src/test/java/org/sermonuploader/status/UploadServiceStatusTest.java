package org.sermonuploader.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.app.UploadService;
import org.sermonuploader.cli.Cli;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.memory.FakeProbe;
import org.sermonuploader.memory.MemoryMonitor;
import org.sermonuploader.memory.TestRig;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.SermonDetails;

/** The status page as the window and the CLI get it: started and stopped by UploadService. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class UploadServiceStatusTest {
  @TempDir Path dir;
  private final FakeProbe probe = new FakeProbe(300, 3000);
  private final AtomicInteger gcCalls = new AtomicInteger();

  private MemoryMonitor monitor() {
    return new MemoryMonitor(
        StatusServerTest.POLICY,
        probe,
        Duration.ofMillis(50),
        gcCalls::incrementAndGet,
        Duration.ofSeconds(60),
        System::nanoTime);
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void theServiceRunsTheStatusPageWhileItIsOpen() throws Exception {
    int port = freePort();
    Settings s = TestRig.smallParts(2).with(Setting.STATUS_PORT, Integer.toString(port));
    MemoryMonitor monitor = monitor();
    Path file = S3TestSupport.randomFile(dir, "vespers.flac", 12L << 20, 11);
    try (UploadService service =
        UploadService.builder(s, dir.resolve("data")).monitor(monitor).open()) {
      assertSame(monitor, service.memory().orElseThrow());
      assertEquals(port, service.statusServer().orElseThrow().port());
      assertEquals("http://127.0.0.1:" + port, service.statusServer().orElseThrow().url());
      assertEquals("healthy", StatusServerTest.getJson(port, "/health").path("status").asText());

      probe.rss(850);
      monitor.sampleNow();
      service.engine().start();
      long id = service.engine().add(file, SermonDetails.NONE).job().id();
      TestRig.await(
          service.engine(),
          id,
          j -> j.state() == JobState.PAUSED_LOW_MEMORY,
          Duration.ofSeconds(20));
      assertEquals(
          "paused_low_memory",
          StatusServerTest.getJson(port, "/api/queue").path("jobs").path(0).path("state").asText(),
          "the service's engine is gated by the monitor");

      probe.rss(300);
      JobSnapshot done =
          TestRig.await(service.engine(), id, j -> j.state().finished(), Duration.ofSeconds(30));
      assertEquals(JobState.DONE, done.state());
      JsonNode job = StatusServerTest.getJson(port, "/api/queue").path("jobs").path(0);
      assertEquals("done", job.path("state").asText());
      assertEquals(S3TestSupport.sha256(file), job.path("sha256").asText());
    }
    assertThrows(
        ConnectException.class,
        () -> StatusServerTest.get(port, "/health", null),
        "closed with the service");
    int reads = probe.reads();
    Thread.sleep(200);
    assertEquals(reads, probe.reads(), "the monitor stopped with the service");
  }

  @Test
  void memoryAlreadyShortAtStartIsToldInWords() throws Exception {
    probe.set(300, 150); // the app is small, but the computer has only 150 MB left
    try (UploadService service =
        UploadService.builder(
                TestRig.smallParts(2).with(Setting.STATUS_PORT, "0"), dir.resolve("data"))
            .monitor(monitor())
            .open()) {
      String notices = String.join("\n", service.notices());
      assertTrue(notices.contains("Memory is short right now, so uploads wait"), notices);
      assertTrue(notices.contains("only 150 MB"), notices);
      assertTrue(service.statusServer().isEmpty(), "STATUS_PORT 0: no status page");
    }
  }

  @Test
  void withTheStatusPortTakenUploadsStillWork() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Settings s =
          TestRig.smallParts(2).with(Setting.STATUS_PORT, Integer.toString(taken.getLocalPort()));
      Path file = S3TestSupport.randomFile(dir, "midweek.mp3", 6L << 20, 12);
      try (UploadService service =
          UploadService.builder(s, dir.resolve("data")).monitor(monitor()).open()) {
        assertTrue(service.statusServer().isEmpty());
        assertTrue(
            service.notices().stream().anyMatch(n -> n.contains("is already in use")),
            service.notices().toString());
        service.engine().start();
        long id = service.engine().add(file, SermonDetails.NONE).job().id();
        assertEquals(
            JobState.DONE,
            TestRig.await(service.engine(), id, j -> j.state().finished(), Duration.ofSeconds(30))
                .state());
      }
    }
  }

  @Test
  void theCliSaysSoWhenThePortIsTakenAndStillUploads() throws Exception {
    Path file = S3TestSupport.randomFile(dir, "sunday-2024-05-12.mp3", 6L << 20, 13);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      // a generous budget: this test is about the port, not the memory of the machine running it
      Map<String, String> env =
          Map.of(
              "SERMON_UPLOADER_HOME",
              dir.resolve("home").toString(),
              "MAX_MEMORY_MONITOR_MB",
              "100000",
              "MEMORY_MIN_AVAILABLE_MB",
              "0");
      code =
          Cli.run(
              new String[] {
                "upload",
                "--status-port",
                Integer.toString(taken.getLocalPort()),
                "--part-size",
                "5MiB",
                file.toString()
              },
              env,
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));
    }
    String said = out.toString(StandardCharsets.UTF_8);
    assertEquals(Cli.OK, code, said + err.toString(StandardCharsets.UTF_8));
    assertTrue(said.contains("is already in use"), said);
    assertTrue(said.contains("1 uploaded or already there, 0 failed."), said);
  }
}
