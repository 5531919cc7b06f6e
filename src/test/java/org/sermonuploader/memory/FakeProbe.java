package org.sermonuploader.memory;

import java.util.concurrent.atomic.AtomicInteger;
import org.sermonuploader.model.MemorySample;

/** A probe that reports whatever the test sets: process RSS and system MemAvailable in MB. */
public final class FakeProbe implements MemoryProbe {
  public static final long TOTAL_MB = 4096;
  private volatile long rssMb;
  private volatile long availableMb;
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
    return MemorySample.ofMegabytes(rssMb, availableMb, TOTAL_MB);
  }
}
