package org.sermonuploader.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.engine.S3TestSupport.MIB;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.app.EngineSettings;
import org.sermonuploader.config.Setting;
import org.sermonuploader.docs.GrafanaDashboard;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.UploadEngine;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.engine.s3.S3Transfer;
import org.sermonuploader.journal.Journal;
import org.sermonuploader.memory.FakeProbe;
import org.sermonuploader.memory.MemoryMonitor;
import org.sermonuploader.memory.TestRig;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.SermonDetails;
import org.sermonuploader.model.UploadExpectation;

/** GET /metrics scraped while a real upload runs, read as Prometheus would read it. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MetricsScrapeTest {
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*\\})?) (\\S+)$");

  @TempDir Path dir;
  EmbeddedStore store;
  S3Transfer transfer;
  Journal journal;
  UploadEngine engine;
  MemoryMonitor monitor;
  StatusServer server;

  @BeforeEach
  void start() throws Exception {
    store = S3TestSupport.startStore(dir.resolve("store"));
    transfer = S3TestSupport.transfer(store);
    journal = Journal.open(dir.resolve("data"));
    engine =
        new UploadEngine(
            EngineSettings.options(
                TestRig.smallParts(1).with(Setting.BANDWIDTH_LIMIT, "1M")), // 6 MiB in ~6 s
            journal,
            transfer,
            null);
    engine.start();
    monitor =
        new MemoryMonitor(StatusServerTest.POLICY, new FakeProbe(300, 3000), Duration.ofMillis(50))
            .start();
    server = new StatusServer("127.0.0.1", 0, null, engine, monitor).start();
  }

  @AfterEach
  void stop() {
    server.close();
    monitor.close();
    engine.close();
    journal.close();
    transfer.close();
    store.close();
  }

  /** Every sample of the scrape, by its name and labels as written. */
  private Map<String, Double> scrape(String name) throws Exception {
    HttpResponse<String> r = StatusServerTest.get(server.port(), "/metrics", null);
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(
        r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
        r.headers().toString());
    Files.writeString(dir.resolve(name + ".prom"), r.body());
    promtoolAccepts(r.body());
    Map<String, Double> out = new HashMap<>();
    for (String line : r.body().lines().toList()) {
      if (line.startsWith("#") || line.isBlank()) continue;
      Matcher m = SAMPLE.matcher(line);
      assertTrue(m.matches(), "not a sample line: " + line);
      out.put(m.group(1), Double.parseDouble(m.group(2)));
    }
    return out;
  }

  /** Debian's promtool (package prometheus), when installed, checks the text as Prometheus does. */
  private static void promtoolAccepts(String text) throws IOException, InterruptedException {
    Path promtool = Path.of("/usr/bin/promtool");
    if (!Files.isExecutable(promtool)) return;
    Process p =
        new ProcessBuilder(promtool.toString(), "check", "metrics")
            .redirectErrorStream(true)
            .start();
    try (var in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))) {
      in.transferTo(p.getOutputStream());
    }
    p.getOutputStream().close();
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), "promtool check metrics: " + said);
  }

  @Test
  void aScrapeDuringAnUploadShowsItAndAfterwardsCountsIt() throws Exception {
    // EXPECT_UPLOAD=00:00: a recording every day by midnight; none yet
    server.expect(new UploadExpectation("00:00", Duration.ofHours(12), ZoneOffset.UTC));
    Path file = S3TestSupport.randomFile(dir, "Evensong.wav", 6 * MIB, 3);
    long id = engine.add(file, SermonDetails.NONE).job().id();
    Awaitility.await("the upload under way")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> engine.job(id).orElseThrow().bytesDone() > 0);

    Map<String, Double> during = scrape("during");
    assertEquals(
        1.0, during.get("sermon_uploader_queue_jobs{state=\"uploading\"}"), during.toString());
    assertEquals(0.0, during.get("sermon_uploader_queue_jobs{state=\"failed\"}"));
    assertEquals(1048576.0, during.get("sermon_uploader_bandwidth_limit_bytes_per_second"));
    assertEquals(0.0, during.get("sermon_uploader_memory_pressure_level"));
    assertEquals(300.0 * MIB, during.get("sermon_uploader_resident_memory_bytes"));
    assertTrue(!during.containsKey("sermon_uploader_seconds_since_last_upload"), "none yet");
    assertEquals(1.0, during.get("sermon_uploader_expected_upload_missed"));

    Awaitility.await("the upload stored")
        .atMost(Duration.ofSeconds(90))
        .until(() -> engine.job(id).orElseThrow().state() == JobState.DONE);
    Map<String, Double> after = scrape("after");
    assertEquals(
        1.0, after.get("sermon_uploader_uploads_total{outcome=\"done\"}"), after.toString());
    assertEquals(6.0 * MIB, after.get("sermon_uploader_sent_bytes_total"));
    assertEquals(0.0, after.get("sermon_uploader_part_retries_total"));
    assertEquals(1.0, after.get("sermon_uploader_upload_duration_seconds_count"));
    double took = after.get("sermon_uploader_upload_duration_seconds_sum");
    assertTrue(took > 3 && took < 90, took + " s");
    assertEquals(1.0, after.get("sermon_uploader_upload_duration_seconds_bucket{le=\"+Inf\"}"));
    double since = after.get("sermon_uploader_seconds_since_last_upload");
    assertTrue(since >= 0 && since < 60, since + " s");
    assertEquals(0.0, after.get("sermon_uploader_expected_upload_missed"), "it has arrived");

    // the Grafana dashboard of docs/monitoring asks only for series served here
    Set<String> served = new TreeSet<>();
    for (String sample : after.keySet()) served.add(sample.replaceFirst("\\{.*", ""));
    for (String named : GrafanaDashboard.metricsNamed()) {
      assertTrue(served.contains(named), "the dashboard asks for " + named + "; served: " + served);
    }
  }

  /**
   * A real Prometheus (Debian's package, as .ci/run installs it) scrapes a running upload, and
   * every query of the Grafana dashboard runs on what it stored.
   */
  @Test
  void aRealPrometheusScrapesARunningUpload() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(RealPrometheus.BINARY),
        "no " + RealPrometheus.BINARY + ": Debian's prometheus package is not installed");
    server.expect(new UploadExpectation("00:00", Duration.ofHours(12), ZoneOffset.UTC));
    try (RealPrometheus prometheus =
        RealPrometheus.scraping(dir.resolve("prometheus"), server.port())) {
      Awaitility.await("Prometheus up and scraping: " + prometheus.said())
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> prometheus.queryOrNothing("up{job=\"sermon-uploader\"} == 1").size() == 1);

      Path file = S3TestSupport.randomFile(dir, "Evensong.wav", 6 * MIB, 3);
      long id = engine.add(file, SermonDetails.NONE).job().id();
      Awaitility.await("Prometheus sees the upload under way")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(250))
          .until(
              () ->
                  prometheus.query("sermon_uploader_queue_jobs{state=\"uploading\"} == 1").size()
                      == 1);
      Awaitility.await("the upload stored")
          .atMost(Duration.ofSeconds(90))
          .until(() -> engine.job(id).orElseThrow().state() == JobState.DONE);
      Awaitility.await("Prometheus counts it")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(250))
          .until(
              () ->
                  prometheus.query("sermon_uploader_uploads_total{outcome=\"done\"} == 1").size()
                      == 1);
      assertEquals(
          List.of(0.0),
          List.copyOf(prometheus.query("sermon_uploader_expected_upload_missed").values()));
      assertEquals(
          List.of(6.0 * MIB),
          List.copyOf(prometheus.query("sermon_uploader_sent_bytes_total").values()));
      for (String q : GrafanaDashboard.queries()) {
        prometheus.query(q); // throws when Prometheus cannot run it
      }
      assertEquals(
          1,
          prometheus.query("sermon_uploader_upload_duration_seconds_count").size(),
          "the histogram was stored");
    }
  }
}
