package org.sermonuploader.stations;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.concurrent.Threads;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.engine.s3.S3AppRecords;
import org.sermonuploader.model.StationReport;
import org.sermonuploader.model.StationView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every station's heartbeat: one listing, then one GET per station whose heartbeat changed
 * since the last read (its ETag in the listing tells), a few at a time.
 */
public final class StationReader implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StationReader.class);
  private static final int AT_ONCE = 8;

  private record Known(@Nullable String etag, StationReport report) {}

  private final StationStore store;
  private final Clock clock;
  private final Map<String, Known> known = new HashMap<>();
  private final ExecutorService readers =
      Executors.newFixedThreadPool(AT_ONCE, Threads.numbered("station-read"));
  private int lastFetches;

  public StationReader(StationStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Every station found, by name. */
  public synchronized List<StationView> read() throws UploadException {
    S3AppRecords.Listing listing = store.list(StationKeys.PREFIX);
    Instant now = listing.serverTime() != null ? listing.serverTime() : clock.instant();
    List<S3AppRecords.Listed> beats =
        listing.objects().stream().filter(o -> StationKeys.isHeartbeat(o.key())).toList();
    Map<String, CompletableFuture<Optional<S3AppRecords.Fetched>>> fetches = new HashMap<>();
    for (S3AppRecords.Listed o : beats) {
      Known k = known.get(o.key());
      if (k != null && o.etag() != null && o.etag().equals(k.etag())) continue;
      fetches.put(
          o.key(),
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return store.read(o.key());
                } catch (UploadException e) {
                  throw new CompletionException(e);
                }
              },
              readers));
    }
    lastFetches = fetches.size();
    List<StationView> out = new ArrayList<>();
    for (S3AppRecords.Listed o : beats) {
      CompletableFuture<Optional<S3AppRecords.Fetched>> f = fetches.get(o.key());
      if (f != null) fetched(o, f);
      Known k = known.get(o.key());
      if (k != null) out.add(new StationView(k.report(), o.lastModified(), now));
    }
    known.keySet().retainAll(beats.stream().map(S3AppRecords.Listed::key).toList());
    out.sort(Comparator.comparing(StationView::name, String.CASE_INSENSITIVE_ORDER));
    return out;
  }

  private void fetched(S3AppRecords.Listed o, CompletableFuture<Optional<S3AppRecords.Fetched>> f)
      throws UploadException {
    Optional<S3AppRecords.Fetched> body;
    try {
      body = f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof UploadException u) throw u;
      throw e;
    }
    if (body.isEmpty()) {
      known.remove(o.key()); // removed between the listing and the read
      return;
    }
    try {
      known.put(o.key(), new Known(o.etag(), StationJson.read(body.get().body())));
    } catch (IOException e) {
      log.info("{} is not a heartbeat this version reads: {}", o.key(), e.getMessage());
      known.remove(o.key());
    }
  }

  /** How many heartbeats the last {@link #read()} fetched (the others were unchanged). */
  public synchronized int lastFetches() {
    return lastFetches;
  }

  @Override
  public void close() {
    readers.shutdownNow();
  }
}
