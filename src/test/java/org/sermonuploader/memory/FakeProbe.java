package org.sermonuploader.memory;

import java.util.concurrent.atomic.AtomicInteger;
import org.sermonuploader.model.MemorySample;

/** A probe that reports whatever the test sets: process RSS and system MemAvailable in MB. */
public final class FakeProbe implements MemoryProbe {
  public static final long TOTAL_MB = 4096;
  private volatile long rssMb;
  private volatile long availableMb;
  private volatile long heapMaxMb = -1;
  private volatile long heapAfterGcMb = -1;
  private volatile RuntimeException failure;
  private final AtomicInteger reads = new AtomicInteger();

  public FakeProbe(long rssMb, long availableMb) {
    set(rssMb, availableMb);
  }

  public FakeProbe set(long rssMb, long availableMb) {
    this.rssMb = rssMb;
    this.availableMb = availableMb;
    return this;
  }

  public FakeProbe rss(long mb) {
    this.rssMb = mb;
    return this;
  }

  /** A heap limit and what stayed live after the last collection, in MB. */
  public FakeProbe heap(long maxMb, long afterGcMb) {
    this.heapMaxMb = maxMb;
    this.heapAfterGcMb = afterGcMb;
    return this;
  }

  public void failWith(RuntimeException e) {
    this.failure = e;
  }

  public int reads() {
    return reads.get();
  }

  @Override
  public MemorySample sample() {
    reads.incrementAndGet();
    RuntimeException f = failure;
    if (f != null) throw f;
    MemorySample m = MemorySample.ofMegabytes(rssMb, availableMb, TOTAL_MB);
    if (heapMaxMb < 0) return m;
    return new MemorySample(
        m.at(),
        heapAfterGcMb * MemorySample.MB,
        heapMaxMb * MemorySample.MB,
        heapMaxMb * MemorySample.MB,
        m.rssBytes(),
        m.systemTotalBytes(),
        m.systemAvailableBytes(),
        m.source(),
        heapAfterGcMb * MemorySample.MB);
  }
}
