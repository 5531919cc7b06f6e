package org.sermonuploader.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sermonuploader.Await;
import org.sermonuploader.model.MemorySample;
import org.sermonuploader.model.PressureLevel;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MemoryMonitorTest {
  static final MemoryPolicy POLICY = new MemoryPolicy(1000L << 20, 0.8, 0.95, 200L << 20);

  private final FakeProbe probe = new FakeProbe(300, 3000);
  private final AtomicInteger gcCalls = new AtomicInteger();
  private final AtomicLong clock = new AtomicLong(1_000_000_000L);
  private final MemoryMonitor monitor =
      new MemoryMonitor(
          POLICY,
          probe,
          Duration.ofMillis(50),
          gcCalls::incrementAndGet,
          Duration.ofSeconds(60),
          clock::get);

  private void advance(Duration d) {
    clock.addAndGet(d.toNanos());
  }

  @Test
  void theGateFollowsTheLevel() {
    monitor.sampleNow();
    assertEquals(PressureLevel.NORMAL, monitor.level());
    assertTrue(monitor.allowsNewParts());
    assertEquals(4, monitor.partsInFlight(4));

    probe.rss(850);
    monitor.sampleNow();
    assertEquals(PressureLevel.WARNING, monitor.level());
    assertFalse(monitor.allowsNewParts(), "warning pauses new parts");
    assertEquals(4, monitor.partsInFlight(4));

    probe.rss(970);
    monitor.sampleNow();
    assertEquals(PressureLevel.CRITICAL, monitor.level());
    assertFalse(monitor.allowsNewParts());
    assertEquals(1, monitor.partsInFlight(4), "critical leaves one part in flight");

    probe.rss(300);
    monitor.sampleNow();
    assertEquals(PressureLevel.NORMAL, monitor.level());
    assertTrue(monitor.allowsNewParts());
  }

  @Test
  void criticalAsksForOneCollectionPerCooldown() {
    probe.rss(970);
    for (int i = 0; i < 20; i++) {
      monitor.sampleNow();
      advance(Duration.ofSeconds(1));
    }
    assertEquals(PressureLevel.CRITICAL, monitor.level());
    assertEquals(1, gcCalls.get(), "20 critical readings inside the 60 s cooldown: one collection");
    assertEquals(1, monitor.gcRequests());

    advance(Duration.ofSeconds(40)); // 60 s after the first request
    monitor.sampleNow();
    assertEquals(2, gcCalls.get(), "still critical after the cooldown: one more");

    probe.rss(300);
    monitor.sampleNow();
    probe.rss(970);
    monitor.sampleNow();
    assertEquals(2, gcCalls.get(), "critical again inside the cooldown: none");
  }

  @Test
  void aLongWarningAsksForOneCollectionSoGarbageCannotHoldUploadsForever() {
    probe.rss(850);
    monitor.sampleNow();
    assertEquals(0, gcCalls.get(), "warning alone does not collect");
    advance(Duration.ofSeconds(59));
    monitor.sampleNow();
    assertEquals(0, gcCalls.get());
    advance(Duration.ofSeconds(1));
    monitor.sampleNow();
    assertEquals(1, gcCalls.get(), "a whole cooldown in warning: one collection");
    advance(Duration.ofSeconds(30));
    monitor.sampleNow();
    assertEquals(1, gcCalls.get());
  }

  /**
   * A heap that looks full after the last collection may hold only garbage a full collection frees:
   * asked for at once and every 10 s while it lasts, not after a whole minute with every upload
   * held.
   */
  @Test
  void aHeapThatLooksFullAsksForACollectionAtOnce() {
    probe.heap(32, 27); // 84 % of the heap after the last collection
    monitor.sampleNow();
    assertEquals(PressureLevel.WARNING, monitor.level());
    assertEquals(1, gcCalls.get(), "one collection as the heap went short");
    probe.heap(32, 10);
    monitor.sampleNow();
    assertEquals(PressureLevel.NORMAL, monitor.level(), "the garbage is gone: uploads go on");
    probe.heap(32, 27);
    advance(Duration.ofSeconds(5));
    monitor.sampleNow();
    assertEquals(1, gcCalls.get(), "not again within 10 s");
    advance(Duration.ofSeconds(5));
    monitor.sampleNow();
    assertEquals(2, gcCalls.get(), "still full 10 s on: once more, not after a whole minute");
  }

  @Test
  void listenersHearEachChangeOnce() {
    List<String> heard = new CopyOnWriteArrayList<>();
    monitor.addListener(
        (from, to, s) -> heard.add(from.words() + "->" + to.words() + "@" + (s.rssBytes() >> 20)));
    monitor.sampleNow();
    probe.rss(850);
    monitor.sampleNow();
    monitor.sampleNow();
    probe.rss(750);
    monitor.sampleNow();
    probe.rss(970);
    monitor.sampleNow();
    probe.rss(100);
    monitor.sampleNow();
    assertEquals(
        List.of("normal->warning@850", "warning->critical@970", "critical->normal@100"), heard);
  }

  @Test
  void keepsTheLatestSampleAndAShortHistory() {
    assertTrue(monitor.latest().isEmpty());
    for (int i = 1; i <= MemoryMonitor.HISTORY_SIZE + 5; i++) {
      probe.rss(i);
      monitor.sampleNow();
    }
    assertEquals(MemoryMonitor.HISTORY_SIZE + 5, monitor.latest().orElseThrow().rssBytes() >> 20);
    List<MemorySample> history = monitor.history();
    assertEquals(MemoryMonitor.HISTORY_SIZE, history.size());
    assertEquals(6, history.get(0).rssBytes() >> 20, "oldest first, the first five dropped");
  }

  @Test
  void runsOnItsOwnThreadAndStopsWhenClosed() throws Exception {
    monitor.start();
    assertTrue(probe.reads() >= 1, "the first reading is taken at start");
    probe.rss(850);
    Await.until(
        "the level read on its own thread",
        Duration.ofSeconds(5),
        monitor::level,
        l -> l == PressureLevel.WARNING);
    monitor.close();
    Thread.sleep(100);
    int reads = probe.reads();
    Thread.sleep(300);
    assertEquals(reads, probe.reads(), "no readings after close");
  }

  @Test
  void aBrokenProbeNeverHoldsUploadsBackForGood() throws Exception {
    probe.rss(850);
    monitor.sampleNow();
    assertEquals(PressureLevel.WARNING, monitor.level());
    probe.failWith(new IllegalStateException("no /proc"));
    monitor.start();
    Await.until(
        "the level back to normal",
        Duration.ofSeconds(10),
        monitor::level,
        l -> l == PressureLevel.NORMAL);
    assertTrue(probe.reads() >= 1 + MemoryMonitor.FAILURES_BEFORE_GIVING_UP);
    monitor.close();
  }
}
