package org.sermonuploader.model;

import java.time.Instant;

/**
 * One reading of memory. Byte counts; -1 where the platform does not tell.
 *
 * @param heapUsedBytes live and not yet collected objects in the Java heap
 * @param heapCommittedBytes heap the JVM has taken from the system
 * @param heapMaxBytes the most heap the JVM may take (-Xmx)
 * @param rssBytes resident memory of the whole process; an estimate when {@code source} is not
 *     "proc"
 * @param systemTotalBytes the machine's memory (MemTotal)
 * @param systemAvailableBytes memory the system can still hand out without swapping (MemAvailable)
 * @param source where the process and system figures came from: "proc" (Linux /proc) or "jvm"
 * @param heapAfterGcBytes the heap still in use after the last collection: what is really live,
 *     unlike {@code heapUsedBytes}, which also counts garbage not yet collected
 */
public record MemorySample(
    Instant at,
    long heapUsedBytes,
    long heapCommittedBytes,
    long heapMaxBytes,
    long rssBytes,
    long systemTotalBytes,
    long systemAvailableBytes,
    String source,
    long heapAfterGcBytes) {

  /** A reading without the heap after collection (taken as the heap in use). */
  public MemorySample(
      Instant at,
      long heapUsedBytes,
      long heapCommittedBytes,
      long heapMaxBytes,
      long rssBytes,
      long systemTotalBytes,
      long systemAvailableBytes,
      String source) {
    this(
        at,
        heapUsedBytes,
        heapCommittedBytes,
        heapMaxBytes,
        rssBytes,
        systemTotalBytes,
        systemAvailableBytes,
        source,
        heapUsedBytes);
  }

  public static final long MB = 1L << 20;

  /**
   * A made-up sample from megabytes (for fake probes in tests and demos): the heap is taken as a
   * quarter of the RSS used, half committed, no maximum. {@code availableMb} -1 means unknown.
   */
  public static MemorySample ofMegabytes(long rssMb, long availableMb, long totalMb) {
    return new MemorySample(
        Instant.now(),
        rssMb * MB / 4,
        rssMb * MB / 2,
        -1,
        rssMb * MB,
        totalMb * MB,
        availableMb < 0 ? -1 : availableMb * MB,
        "fake");
  }

  public boolean availableKnown() {
    return systemAvailableBytes >= 0;
  }
}
