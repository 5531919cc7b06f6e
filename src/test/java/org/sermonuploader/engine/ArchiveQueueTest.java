package org.sermonuploader.engine;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.journal.Journal;
import org.sermonuploader.memory.PressureGate;
import org.sermonuploader.model.EngineEvent;
import org.sermonuploader.model.JobRecord;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.SermonDetails;
import org.sermonuploader.model.UploadListener;

/**
 * A long queue costs no more per file than a short one, and running out of memory is not silent.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ArchiveQueueTest {
  @TempDir Path tmp;
  EmbeddedStore store;

  @BeforeEach
  void start() throws Exception {
    store = S3TestSupport.startStore(tmp.resolve("store"));
  }

  @AfterEach
  void stop() {
    store.stop();
  }

  /** What the engine asked of its journal: calls per method, and rows the reads returned. */
  static final class Tally {
    final Map<String, Integer> calls = new ConcurrentHashMap<>();
    final AtomicLong rowsRead = new AtomicLong();

    void reset() {
      calls.clear();
      rowsRead.set(0);
    }

    int wholeListReads() {
      return calls.getOrDefault("jobs", 0)
          + calls.getOrDefault("unfinished", 0)
          + calls.getOrDefault("history", 0);
    }
  }

  static JobStore counting(JobStore real, Tally tally) {
    return (JobStore)
        Proxy.newProxyInstance(
            JobStore.class.getClassLoader(),
            new Class<?>[] {JobStore.class},
            (proxy, method, args) -> {
              Object result;
              try {
                result = method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
              tally.calls.merge(method.getName(), 1, Integer::sum);
              if (result instanceof List<?> l) tally.rowsRead.addAndGet(l.size());
              else if (result instanceof Map<?, ?> m) tally.rowsRead.addAndGet(m.size());
              else if (result instanceof Optional<?> o && o.isPresent())
                tally.rowsRead.incrementAndGet();
              return result;
            });
  }

  /**
   * Adds and uploads 5 files (as the CLI does) with {@code queuedBefore} other recordings
   * unfinished in the journal; returns the rows the journal was read for after the start.
   */
  private Tally fiveFilesWith(int queuedBefore, String name) throws Exception {
    Path data = tmp.resolve("data-" + name);
    Path files = Files.createDirectories(tmp.resolve("files-" + name));
    Tally tally = new Tally();
    try (Journal journal = Journal.open(data)) {
      for (int i = 0; i < queuedBefore; i++) {
        journal.createJob(
            new JobRecord(
                0,
                files.resolve("older-" + i + ".mp3"),
                1000,
                0,
                null,
                null,
                0,
                JobState.QUEUED,
                null,
                null,
                SermonDetails.NONE,
                Instant.now()));
      }
      CountingTransfer transfer = new CountingTransfer(S3TestSupport.transfer(store));
      try (UploadEngine engine =
          new UploadEngine(
              S3TestSupport.options(),
              counting(journal, tally),
              transfer,
              PressureGate.NEVER_PRESSED)) {
        engine.start(false);
        tally.reset();
        for (int i = 0; i < 5; i++) {
          Path f = S3TestSupport.randomFile(files, name + "-" + i + ".mp3", 3000 + i, i);
          engine.add(f, SermonDetails.NONE);
        }
        assertTrue(engine.awaitIdle(120, TimeUnit.SECONDS), "uploads finished");
        assertEquals(5, engine.jobs().stream().filter(j -> j.state() == JobState.DONE).count());
      } finally {
        transfer.close();
      }
    }
    return tally;
  }

  @Test
  void addingAndUploadingReadsTheJournalTheSameWithFiveOrTwoThousandQueued() throws Exception {
    Tally small = fiveFilesWith(0, "short");
    Tally large = fiveFilesWith(2000, "long");

    assertEquals(0, large.wholeListReads(), "whole-list journal reads: " + large.calls);
    assertEquals(small.rowsRead.get(), large.rowsRead.get(), "rows read: " + large.calls);
    assertEquals(
        small.calls.values().stream().mapToInt(Integer::intValue).sum(),
        large.calls.values().stream().mapToInt(Integer::intValue).sum(),
        "journal calls: " + small.calls + " / " + large.calls);
  }

  @Test
  void runningOutOfMemoryIsToldAndTheQueueCarriesOn() throws Exception {
    Path files = Files.createDirectories(tmp.resolve("files"));
    List<Path> recordings = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++)
      recordings.add(S3TestSupport.randomFile(files, "sunday-" + i + ".mp3", 5000 + i, 40 + i));
    List<EngineEvent> events = new CopyOnWriteArrayList<>();
    AtomicBoolean thrown = new AtomicBoolean();
    try (Journal journal = Journal.open(tmp.resolve("data"));
        CountingTransfer transfer = new CountingTransfer(S3TestSupport.transfer(store));
        UploadEngine engine =
            new UploadEngine(
                S3TestSupport.options(), journal, transfer, PressureGate.NEVER_PRESSED)) {
      engine.addListener(
          new UploadListener() {
            @Override
            public void jobChanged(JobSnapshot snapshot) {}

            @Override
            public void engineEvent(EngineEvent event) {
              events.add(event);
            }
          });
      engine.runners.beforeRun =
          path -> {
            if (path.getFileName().toString().equals("sunday-2.mp3")
                && thrown.compareAndSet(false, true))
              throw new OutOfMemoryError("Java heap space (test)");
          };
      engine.start();
      for (Path f : recordings) engine.add(f, SermonDetails.NONE);

      await("every recording uploaded")
          .atMost(Duration.ofMinutes(2))
          .until(() -> engine.jobs().stream().filter(j -> j.state() == JobState.DONE).count() == 6);
      assertTrue(thrown.get(), "the hook ran");
      assertEquals(EngineEvent.Kind.OUT_OF_MEMORY, events.get(0).kind(), events.toString());
      assertEquals(
          "The app ran out of memory; it will restart its uploads.", events.get(0).message());
      await().atMost(Duration.ofSeconds(30)).until(() -> events.size() >= 2);
      assertEquals(EngineEvent.Kind.RESTARTED, events.get(1).kind());
      assertEquals(Optional.of(events.get(1)), engine.lastEngineEvent());
      for (Path f : recordings) {
        assertEquals(
            S3TestSupport.sha256(f),
            S3TestSupport.downloadSha256(store, keyOf(engine, f)),
            f.getFileName().toString());
      }
      assertEquals(
          6, journal.history(0, 100).size(), "the journal holds every upload as finished once");
    }
  }

  private static String keyOf(UploadEngine engine, Path file) {
    return engine.jobs().stream()
        .filter(j -> j.path().getFileName().equals(file.getFileName()))
        .findFirst()
        .orElseThrow()
        .key();
  }
}
