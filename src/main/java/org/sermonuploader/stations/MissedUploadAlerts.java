package org.sermonuploader.stations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.concurrent.Threads;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.engine.s3.S3AppRecords;
import org.sermonuploader.model.StationView;
import org.sermonuploader.model.StationWords;
import org.sermonuploader.model.UploadExpectation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells Discord once when a station's expected recording (EXPECT_UPLOAD) has not arrived, whichever
 * station sees it first: the missing one itself, or any other that reads its heartbeat (a station
 * switched off still has one). Every station with a webhook looks; the first to write the
 * deadline's marker under {@link StationKeys#MISSED_PREFIX} (a write that succeeds only while the
 * key is free) posts, and tries again on each look until Discord has taken it. The others leave it.
 *
 * <p>Looks on a thread of its own; a failed look or post is logged and never touches an upload.
 */
public final class MissedUploadAlerts implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MissedUploadAlerts.class);

  /** Sends one post and tells {@code delivered} whether it went out (on any thread). */
  @FunctionalInterface
  public interface Poster {
    void post(String title, String text, Consumer<Boolean> delivered);
  }

  /** Where a missed deadline stands for this station. */
  private enum Told {
    POSTING,
    POSTED,
    NOT_SENT,
    BY_ANOTHER
  }

  private final StationStore store;
  private final StationReader reader;
  private final String claimant;
  private final Poster poster;
  private final Map<String, Told> told = new ConcurrentHashMap<>();
  private @Nullable ScheduledExecutorService thread;

  /**
   * @param claimant who this station is, written into the marker: its name and run
   */
  public MissedUploadAlerts(StationStore store, Clock clock, String claimant, Poster poster) {
    this.store = store;
    this.reader = new StationReader(store, clock);
    this.claimant = claimant;
    this.poster = poster;
  }

  /** Looks every {@code every}, the first time after {@code first}. */
  public synchronized MissedUploadAlerts start(Duration first, Duration every) {
    if (thread != null) return this;
    ScheduledExecutorService t =
        Executors.newSingleThreadScheduledExecutor(Threads.daemon("missed-uploads"));
    // lookQuietly catches its own failures; the task ends only with shutdownNow
    var unused =
        t.scheduleWithFixedDelay(
            this::lookQuietly, first.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    thread = t;
    return this;
  }

  private void lookQuietly() {
    try {
      look();
    } catch (UploadException e) {
      log.info("Stations not read for missed recordings: {}", e.describe());
    } catch (RuntimeException e) {
      log.warn("Looking for missed recordings failed", e);
    }
  }

  /** One look: every station's missed deadline is posted once. Tests call it with their clock. */
  public void look() throws UploadException {
    for (StationView v : reader.read()) {
      Optional<UploadExpectation.Missed> m = v.missed();
      if (m.isPresent()) tell(v, m.get());
    }
  }

  private void tell(StationView v, UploadExpectation.Missed m) throws UploadException {
    String key = StationKeys.missedKey(v.name(), m.by().toInstant());
    Told now = told.get(key);
    if (now == Told.POSTING || now == Told.POSTED || now == Told.BY_ANOTHER) return;
    if (now == null && !claim(key, v, m)) {
      told.put(key, Told.BY_ANOTHER);
      log.debug("{}: another station tells of it", key);
      return;
    }
    told.put(key, Told.POSTING);
    String text = StationWords.missedNotice(v, m);
    log.warn("{}; telling Discord", text);
    poster.post(
        "Expected recording missing",
        text,
        ok -> {
          told.put(key, ok ? Told.POSTED : Told.NOT_SENT);
          if (!ok) log.info("Missed recording of {} not posted; tried again later", v.name());
        });
  }

  /** Writes the marker while it is free, then reads it back: ours only if it names us. */
  private boolean claim(String key, StationView v, UploadExpectation.Missed m)
      throws UploadException {
    ObjectNode o = StationJson.JSON.createObjectNode();
    o.put("station", v.name());
    o.put("expectedBy", m.by().toOffsetDateTime().toString());
    o.put("toldBy", claimant);
    byte[] body;
    try {
      body = StationJson.JSON.writeValueAsBytes(o);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    if (!store.claim(key, body)) return false;
    // a server that ignores the condition let a second write through: the marker names the last
    Optional<S3AppRecords.Fetched> back = store.read(key);
    if (back.isEmpty()) return false;
    try {
      JsonNode read = StationJson.JSON.readTree(back.get().body());
      return claimant.equals(read.path("toldBy").asText());
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    ScheduledExecutorService t;
    synchronized (this) {
      t = thread;
      thread = null;
    }
    if (t != null) t.shutdownNow();
    reader.close();
  }
}
