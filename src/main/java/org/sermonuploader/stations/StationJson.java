package org.sermonuploader.stations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.model.StationReport;
import org.sermonuploader.model.StationState;
import org.sermonuploader.model.UploadExpectation;

/**
 * A heartbeat as JSON, field by field, so the format is what this file says and nothing else: other
 * stations (older or newer versions) and scripts read it. Unknown fields are ignored; missing ones
 * read as empty.
 */
public final class StationJson {
  static final ObjectMapper JSON = new ObjectMapper();
  public static final String CONTENT_TYPE = "application/json";
  private static final long DEFAULT_WITHIN_MINUTES = UploadExpectation.DEFAULT_WITHIN.toMinutes();

  private StationJson() {}

  public static byte[] write(StationReport r) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node(r));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The heartbeat as a JSON object (also what `stations --json` prints). */
  public static ObjectNode node(StationReport r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("name", r.name());
    o.put("runId", r.runId());
    o.put("version", r.version());
    o.put("host", r.host());
    o.put("dataFolder", r.dataFolder());
    o.put("started", r.started().toString());
    o.put("lastSeen", r.lastSeen().toString());
    StationReport.Activity a = r.activity();
    o.put("state", a.state().words());
    ArrayNode uploads = o.putArray("uploads");
    for (StationReport.Upload u : a.uploads()) {
      uploads
          .addObject()
          .put("name", u.name())
          .put("percent", u.percent())
          .put("bytesPerSecond", u.bytesPerSecond());
    }
    o.put("queueLength", a.queueLength());
    ArrayNode finished = o.putArray("lastFinished");
    for (StationReport.Finished f : a.lastFinished()) {
      ObjectNode n = finished.addObject().put("name", f.name()).put("size", f.size());
      n.put("sha256", f.sha256());
      n.put("at", f.at().toString()).put("outcome", f.outcome());
    }
    o.put("freeDiskBytes", a.freeDiskBytes());
    o.put("memoryLevel", a.memoryLevel());
    o.put("bandwidthLimitBytesPerSecond", a.bandwidthLimitBytesPerSecond());
    o.put("duplicate", r.duplicate());
    UploadExpectation e = r.expected();
    if (e != null) {
      o.put("expectUpload", e.text());
      o.put("expectWithinMinutes", e.within().toMinutes());
      o.put("timeZone", e.zone().getId());
    }
    return o;
  }

  /** The heartbeat these bytes hold; IOException when they are not one. */
  public static StationReport read(byte[] bytes) throws IOException {
    JsonNode o = JSON.readTree(bytes);
    if (o == null || !o.isObject() || !o.path("name").isTextual()) {
      throw new IOException("not a station heartbeat");
    }
    List<StationReport.Upload> uploads = new ArrayList<>();
    for (JsonNode u : o.path("uploads")) {
      uploads.add(
          new StationReport.Upload(
              u.path("name").asText(""),
              u.path("percent").asInt(0),
              u.path("bytesPerSecond").asLong(0)));
    }
    List<StationReport.Finished> finished = new ArrayList<>();
    for (JsonNode f : o.path("lastFinished")) {
      finished.add(
          new StationReport.Finished(
              f.path("name").asText(""),
              f.path("size").asLong(0),
              text(f.path("sha256")),
              instant(f.path("at")),
              f.path("outcome").asText("")));
    }
    StationReport.Activity activity =
        new StationReport.Activity(
            StationState.fromWords(o.path("state").asText("")),
            uploads,
            o.path("queueLength").asInt(0),
            finished,
            o.path("freeDiskBytes").asLong(-1),
            o.path("memoryLevel").asText(""),
            o.path("bandwidthLimitBytesPerSecond").asLong(0));
    return new StationReport(
        o.path("name").asText(),
        o.path("runId").asText(""),
        o.path("version").asText(""),
        o.path("host").asText(""),
        o.path("dataFolder").asText(""),
        instant(o.path("started")),
        instant(o.path("lastSeen")),
        activity,
        text(o.path("duplicate")),
        expected(o));
  }

  /** What the station expects, or null when nothing (or nothing this version reads). */
  private static @Nullable UploadExpectation expected(JsonNode o) {
    if (!o.path("expectUpload").isTextual()) return null;
    try {
      return new UploadExpectation(
          o.path("expectUpload").asText(),
          Duration.ofMinutes(o.path("expectWithinMinutes").asLong(DEFAULT_WITHIN_MINUTES)),
          ZoneId.of(o.path("timeZone").asText("UTC")));
    } catch (DateTimeException | IllegalArgumentException e) {
      return null;
    }
  }

  private static @Nullable String text(JsonNode n) {
    return n.isTextual() ? n.asText() : null;
  }

  private static Instant instant(JsonNode n) {
    try {
      return n.isTextual() ? Instant.parse(n.asText()) : Instant.EPOCH;
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }
}
