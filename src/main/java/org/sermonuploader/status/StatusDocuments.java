package org.sermonuploader.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.sermonuploader.bandwidth.Bandwidth;
import org.sermonuploader.bandwidth.LimitInForce;
import org.sermonuploader.config.Units;
import org.sermonuploader.config.Version;
import org.sermonuploader.engine.UploadEngine;
import org.sermonuploader.memory.MemoryMonitor;
import org.sermonuploader.memory.MemoryPolicy;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.MemorySample;

/**
 * The JSON the status endpoint answers with. The fields the Go predecessor had (status, service,
 * memory.alloc_mb, memory.pressure_level, memory.usage_percent, success, current_stats,
 * recommendations) keep their names and their string form, so existing scripts still work; the rest
 * are new and are plain numbers.
 */
final class StatusDocuments {
  static final String SERVICE = "sermon-uploader";

  private final ObjectMapper json;
  private final UploadEngine engine;
  private final MemoryMonitor monitor;

  StatusDocuments(ObjectMapper json, UploadEngine engine, MemoryMonitor monitor) {
    this.json = json;
    this.engine = engine;
    this.monitor = monitor;
  }

  /** GET /health */
  ObjectNode health() {
    ObjectNode root = json.createObjectNode();
    root.put("status", "healthy");
    root.put("service", SERVICE);
    root.put("version", Version.get());
    long uptimeMs = ManagementFactory.getRuntimeMXBean().getUptime();
    root.put("uptime_seconds", uptimeMs / 1000);
    root.put("uptime", Units.elapsed(Duration.ofMillis(uptimeMs)));
    root.put(
        "started_at",
        Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()).toString());
    ObjectNode memory = root.putObject("memory");
    legacyStats(memory);
    monitor
        .latest()
        .ifPresent(
            s -> {
              memory.put("rss_mb", mb(s.rssBytes()));
              memory.put("budget_mb", monitor.policy().budgetBytes() >> 20);
            });
    root.set("queue", queueSummary(engine.jobs()));
    return root;
  }

  /** GET /api/memory/status */
  ObjectNode memoryStatus() {
    ObjectNode root = json.createObjectNode();
    root.put("success", true);
    ObjectNode memory = root.putObject("memory");
    ObjectNode stats = memory.putObject("current_stats");
    legacyStats(stats);
    MemoryPolicy policy = monitor.policy();
    monitor
        .latest()
        .ifPresent(
            s -> {
              stats.put("rss_mb", mb(s.rssBytes()));
              stats.put("heap_used_mb", mb(s.heapUsedBytes()));
              stats.put("heap_committed_mb", mb(s.heapCommittedBytes()));
              putMb(stats, "heap_max_mb", s.heapMaxBytes());
              stats.put("heap_after_gc_mb", mb(s.heapAfterGcBytes()));
              stats.put("heap_usage_percent", round1(MemoryPolicy.heapUsage(s) * 100));
              stats.put("rss_usage_percent", round1(policy.rssUsage(s) * 100));
              stats.put("budget_mb", policy.budgetBytes() >> 20);
              putMb(stats, "system_total_mb", s.systemTotalBytes());
              putMb(stats, "system_available_mb", s.systemAvailableBytes());
              stats.put("source", s.source());
              stats.put("sampled_at", s.at().toString());
            });
    ArrayNode advice = memory.putArray("recommendations");
    monitor.recommendations().forEach(advice::add);
    ObjectNode thresholds = memory.putObject("thresholds");
    thresholds.put("budget_mb", policy.budgetBytes() >> 20);
    thresholds.put("warning_percent", round1(policy.warningRatio() * 100));
    thresholds.put("critical_percent", round1(policy.criticalRatio() * 100));
    thresholds.put("release_margin_points", round1(MemoryPolicy.RELEASE_MARGIN * 100));
    thresholds.put("min_available_mb", policy.minAvailableBytes() >> 20);
    ObjectNode uploads = memory.putObject("uploads");
    uploads.put("new_parts_allowed", monitor.allowsNewParts());
    uploads.put("parts_in_flight", monitor.partsInFlight(engine.partsInFlight()));
    uploads.put("parts_in_flight_configured", engine.partsInFlight());
    uploads.put(
        "paused_for_memory",
        engine.jobs().stream().filter(j -> j.state() == JobState.PAUSED_LOW_MEMORY).count());
    memory.put("gc_requests", monitor.gcRequests());
    engine
        .lastEngineEvent()
        .ifPresent(
            e -> {
              ObjectNode event = memory.putObject("last_engine_event");
              event.put("kind", e.kind().name());
              event.put("message", e.message());
              event.put("at", e.at().toString());
            });
    memory.put("sample_interval_ms", monitor.interval().toMillis());
    ArrayNode history = memory.putArray("history");
    for (MemorySample s : monitor.history()) {
      ObjectNode h = history.addObject();
      h.put("at", s.at().toString());
      h.put("rss_mb", mb(s.rssBytes()));
      h.put("heap_used_mb", mb(s.heapUsedBytes()));
      h.put("heap_after_gc_mb", mb(s.heapAfterGcBytes()));
      putMb(h, "system_available_mb", s.systemAvailableBytes());
      h.put("usage_percent", round1(policy.usage(s) * 100));
    }
    return root;
  }

  /** GET /api/queue */
  ObjectNode queue() {
    ObjectNode root = json.createObjectNode();
    root.put("success", true);
    List<JobSnapshot> jobs = engine.jobs();
    ArrayNode list = root.putArray("jobs");
    for (JobSnapshot j : jobs) {
      ObjectNode o = list.addObject();
      o.put("id", j.id());
      o.put("file", j.fileName());
      if (j.key() != null) o.put("key", j.key());
      o.put("state", j.state().name().toLowerCase(Locale.ROOT));
      o.put("state_text", j.state().words());
      if (j.message() != null) o.put("message", j.message());
      o.put("size_bytes", j.size());
      o.put("bytes_done", j.bytesDone());
      o.put("percent", round1(j.fraction() * 100));
      o.put("bytes_per_second", Math.round(j.bytesPerSecond()));
      if (j.etaSeconds() >= 0) o.put("eta_seconds", j.etaSeconds());
      else o.putNull("eta_seconds");
      o.put("parts_sent", j.partsSent());
      o.put("parts_skipped", j.partsSkipped());
      if (j.sha256() != null) o.put("sha256", j.sha256());
    }
    root.set("summary", queueSummary(jobs));
    root.set("bandwidth_limit", bandwidthLimit(engine.bandwidth()));
    return root;
  }

  /** The upload limit in force and until when (null: it does not change), in bytes per second. */
  private ObjectNode bandwidthLimit(Bandwidth bandwidth) {
    ObjectNode o = json.createObjectNode();
    LimitInForce now = bandwidth.inForce();
    o.put("setting", bandwidth.schedule().toString());
    o.put("limited", now.up().limited());
    if (now.up().limited()) o.put("bytes_per_second", now.up().bytesPerSecond());
    else o.putNull("bytes_per_second");
    if (now.until() != null) o.put("until", now.until().toOffsetDateTime().toString());
    else o.putNull("until");
    o.put("overridden", bandwidth.overridden());
    return o;
  }

  /** The three fields the predecessor's scripts read, as strings, as it sent them. */
  private void legacyStats(ObjectNode into) {
    into.put("pressure_level", monitor.level().words());
    monitor
        .latest()
        .ifPresentOrElse(
            s -> {
              into.put(
                  "alloc_mb",
                  String.format(Locale.ROOT, "%.2f", s.heapUsedBytes() / (double) (1 << 20)));
              into.put(
                  "usage_percent",
                  String.format(Locale.ROOT, "%.1f", monitor.policy().usage(s) * 100));
            },
            () -> {
              into.putNull("alloc_mb");
              into.putNull("usage_percent");
            });
  }

  private ObjectNode queueSummary(List<JobSnapshot> jobs) {
    ObjectNode q = json.createObjectNode();
    q.put("total", jobs.size());
    long active = 0;
    long waiting = 0;
    long remaining = 0;
    ObjectNode byState = json.createObjectNode();
    for (JobState st : JobState.values()) byState.put(st.name().toLowerCase(Locale.ROOT), 0);
    for (JobSnapshot j : jobs) {
      String name = j.state().name().toLowerCase(Locale.ROOT);
      byState.put(name, byState.get(name).asLong() + 1);
      if (j.state().finished()) continue;
      if (j.state() == JobState.UPLOADING || j.state() == JobState.VERIFYING) active++;
      else waiting++;
      remaining += Math.max(0, j.size() - j.bytesDone());
    }
    q.put("uploading", active);
    // queued, paused (by hand or for memory) or waiting for the server or the file
    q.put("waiting", waiting);
    q.put("succeeded", jobs.stream().filter(j -> j.state().succeeded()).count());
    q.put("failed", jobs.stream().filter(j -> j.state() == JobState.FAILED).count());
    q.put("bytes_remaining", remaining);
    q.set("by_state", byState);
    return q;
  }

  private static void putMb(ObjectNode o, String name, long bytes) {
    if (bytes < 0) o.putNull(name);
    else o.put(name, mb(bytes));
  }

  static double mb(long bytes) {
    return round1(bytes / (double) (1 << 20));
  }

  static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
