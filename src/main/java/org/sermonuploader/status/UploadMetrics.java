package org.sermonuploader.status;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.engine.JournalException;
import org.sermonuploader.engine.UploadEngine;
import org.sermonuploader.memory.MemoryMonitor;
import org.sermonuploader.model.HistoryEntry;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.PressureLevel;
import org.sermonuploader.model.UploadExpectation;
import org.sermonuploader.model.UploadListener;

/**
 * The station's figures for Prometheus (GET /metrics): counters kept from the engine's job
 * snapshots, gauges read from the engine and the memory monitor when scraped. Its own registry, so
 * two engines in one process never mix.
 */
final class UploadMetrics implements UploadListener {
  static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  private final Clock clock;
  private final Counter uploads;
  private final Counter bytesSent;
  private final Counter retries;
  private final Histogram duration;

  // what each job last showed, to count changes once (engine threads call in: guarded by this)
  private final Map<Long, JobState> lastState = new HashMap<>();
  private final Map<Long, Long> lastBytes = new HashMap<>();
  private final Map<Long, Long> startedNanos = new HashMap<>();
  private volatile @Nullable Instant lastFinished;
  private volatile @Nullable UploadExpectation expected;

  UploadMetrics(UploadEngine engine, MemoryMonitor monitor, Clock clock) {
    this.clock = clock;
    uploads =
        Counter.builder()
            .name("sermon_uploader_uploads")
            .help("Uploads finished, by outcome (done, already_uploaded, failed, cancelled)")
            .labelNames("outcome")
            .register(registry);
    bytesSent =
        Counter.builder()
            .name("sermon_uploader_sent_bytes")
            .help("Bytes of recordings sent to the server")
            .register(registry);
    retries =
        Counter.builder()
            .name("sermon_uploader_part_retries")
            .help("Times an upload waited for the server and tried its part again")
            .register(registry);
    duration =
        Histogram.builder()
            .name("sermon_uploader_upload_duration_seconds")
            .help("How long an upload took, from its first byte to stored")
            .classicOnly()
            .classicUpperBounds(5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200, 14400)
            .register(registry);
    GaugeWithCallback.builder()
        .name("sermon_uploader_queue_jobs")
        .help("Jobs in the queue, by state")
        .labelNames("state")
        .callback(
            cb -> {
              Map<JobState, Integer> count = new EnumMap<>(JobState.class);
              for (JobState s : JobState.values()) count.put(s, 0);
              for (JobSnapshot j : engine.jobs()) count.merge(j.state(), 1, Integer::sum);
              count.forEach((s, n) -> cb.call(n, label(s)));
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("sermon_uploader_memory_pressure_level")
        .help("Memory pressure: 0 normal, 1 warning (new parts wait), 2 critical")
        .callback(cb -> cb.call(levelNumber(monitor.level())))
        .register(registry);
    GaugeWithCallback.builder()
        .name("sermon_uploader_resident_memory_bytes")
        .help("The app's resident memory (RSS) at the monitor's last reading")
        .callback(cb -> monitor.latest().ifPresent(s -> cb.call((double) s.rssBytes())))
        .register(registry);
    GaugeWithCallback.builder()
        .name("sermon_uploader_bandwidth_limit_bytes_per_second")
        .help("The upload limit in force now (BANDWIDTH_LIMIT or an override); 0 is unlimited")
        .callback(cb -> cb.call((double) engine.bandwidth().inForce().up().bytesPerSecond()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("sermon_uploader_seconds_since_last_upload")
        .help("Seconds since an upload last finished stored (absent before the first)")
        .callback(
            cb -> {
              Instant at = lastFinished;
              if (at != null) cb.call(Duration.between(at, clock.instant()).toMillis() / 1000.0);
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("sermon_uploader_expected_upload_missed")
        .help(
            "1 when an EXPECT_UPLOAD time passed with no recording stored within EXPECT_WITHIN"
                + " before it (until one arrives), else 0; absent when EXPECT_UPLOAD is not set")
        .callback(
            cb -> {
              UploadExpectation e = expected;
              if (e != null) cb.call(e.missed(clock.instant(), lastFinished).isPresent() ? 1 : 0);
            })
        .register(registry);
    try {
      // newest first; every history line is a recording stored on the server
      List<HistoryEntry> newest = engine.history(0, 1);
      if (!newest.isEmpty()) lastFinished = newest.get(0).finishedAt();
    } catch (JournalException e) {
      // the gauge appears with the first upload
    }
  }

  /** When this station's recordings are expected (EXPECT_UPLOAD); null for never. */
  void expect(@Nullable UploadExpectation e) {
    expected = e;
  }

  /** The level as the alert rules compare it: 0 normal, 1 warning, 2 critical. */
  private static double levelNumber(PressureLevel level) {
    return switch (level) {
      case NORMAL -> 0;
      case WARNING -> 1;
      case CRITICAL -> 2;
    };
  }

  private static String label(JobState s) {
    return s.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public synchronized void jobChanged(JobSnapshot s) {
    long id = s.id();
    JobState before = lastState.put(id, s.state());
    Long bytesBefore = lastBytes.put(id, s.bytesDone());
    // the first sight of a job (a resumed one) counts nothing it did before
    if (before == null) return;
    // a recording found already stored sent nothing; any other growth was sent
    if (s.state() != JobState.ALREADY_UPLOADED
        && bytesBefore != null
        && s.bytesDone() > bytesBefore) {
      bytesSent.inc(s.bytesDone() - bytesBefore);
    }
    if ((s.state() == JobState.UPLOADING || s.state() == JobState.RECORDING)
        && !startedNanos.containsKey(id)) {
      startedNanos.put(id, System.nanoTime());
    }
    if (s.state() == JobState.WAITING_FOR_SERVER && before != JobState.WAITING_FOR_SERVER) {
      retries.inc();
    }
    if (s.state().finished() && !before.finished()) {
      uploads.labelValues(label(s.state())).inc();
      Long started = startedNanos.remove(id);
      if (s.state() == JobState.DONE && started != null) {
        duration.observe((System.nanoTime() - started) / 1e9);
      }
      if (s.state().succeeded()) lastFinished = clock.instant();
    }
  }

  @Override
  public synchronized void jobRemoved(long jobId) {
    lastState.remove(jobId);
    lastBytes.remove(jobId);
    startedNanos.remove(jobId);
  }

  /** Writes every figure in the Prometheus text format. */
  void write(OutputStream out) throws IOException {
    writer.write(out, registry.scrape());
  }
}
