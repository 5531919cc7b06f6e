package org.sermonuploader.memory;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.sermonuploader.model.MemorySample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads memory from Linux's /proc (process RSS from /proc/self/status, MemTotal and MemAvailable
 * from /proc/meminfo) and the JVM's heap from its management bean. Where /proc is missing (macOS,
 * Windows) the process size is estimated from what the JVM has committed, and the system figures
 * come from com.sun.management.OperatingSystemMXBean. Never throws: a figure it cannot read is -1.
 */
public final class SystemMemoryProbe implements MemoryProbe {
  private static final Logger log = LoggerFactory.getLogger(SystemMemoryProbe.class);

  private final Path procSelfStatus;
  private final Path procMeminfo;
  private final MemoryMXBean memoryBean = ManagementFactory.getMemoryMXBean();
  private final List<BufferPoolMXBean> bufferPools =
      ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class);
  private final boolean windows =
      System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
  private volatile boolean fallbackLogged;

  public SystemMemoryProbe() {
    this(Path.of("/proc"));
  }

  /** With another /proc root, for tests of the fallback and of the parsing. */
  public SystemMemoryProbe(Path procRoot) {
    this.procSelfStatus = procRoot.resolve("self").resolve("status");
    this.procMeminfo = procRoot.resolve("meminfo");
  }

  @Override
  public MemorySample sample() {
    MemoryUsage heap = memoryBean.getHeapMemoryUsage();
    long rss = readKb(procSelfStatus, "VmRSS:")[0];
    long[] system = readKb(procMeminfo, "MemTotal:", "MemAvailable:");
    long total = system[0];
    long available = system[1];
    String source = "proc";
    if (rss < 0 || total < 0 || available < 0) {
      source = "jvm";
      if (!fallbackLogged) {
        fallbackLogged = true;
        log.info(
            "No /proc memory figures here; the process size is estimated from the JVM's own counts");
      }
      if (rss < 0) rss = estimateProcessBytes(heap);
      if (total < 0) total = osTotal();
      if (available < 0) available = osAvailable();
    }
    return new MemorySample(
        Instant.now(),
        heap.getUsed(),
        heap.getCommitted(),
        heap.getMax(),
        rss,
        total,
        available,
        source,
        heapAfterLastCollection(heap.getUsed()));
  }

  /**
   * The heap in use right after Java's latest collection (what was live then), or {@code fallback}
   * before the first collection or where the JVM does not tell.
   */
  static long heapAfterLastCollection(long fallback) {
    long latestEnd = -1;
    long after = -1;
    for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (!(gc instanceof com.sun.management.GarbageCollectorMXBean hotspot)) continue;
      var info = hotspot.getLastGcInfo();
      if (info == null || info.getEndTime() < latestEnd) continue;
      long sum = 0;
      for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() != java.lang.management.MemoryType.HEAP) continue;
        MemoryUsage u = info.getMemoryUsageAfterGc().get(pool.getName());
        if (u != null) sum += u.getUsed();
      }
      latestEnd = info.getEndTime();
      after = sum;
    }
    return after < 0 ? fallback : after;
  }

  /**
   * Committed heap plus committed non-heap (metaspace, code cache) plus direct buffers: less than
   * the true RSS (thread stacks and native libraries are missing) but it moves the same way.
   */
  private long estimateProcessBytes(MemoryUsage heap) {
    long bytes = heap.getCommitted() + memoryBean.getNonHeapMemoryUsage().getCommitted();
    for (BufferPoolMXBean pool : bufferPools) bytes += Math.max(0, pool.getMemoryUsed());
    return bytes;
  }

  private static long osTotal() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getTotalMemorySize();
    }
    return -1;
  }

  /**
   * Windows reports "available" (free plus standby cache) as free memory, so it can stand in for
   * MemAvailable there. On macOS free memory leaves out the cache and is often tiny on a healthy
   * machine; counting it would pause uploads for nothing, so it is left unknown.
   */
  private long osAvailable() {
    if (!windows) return -1;
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getFreeMemorySize();
    }
    return -1;
  }

  /**
   * The values of "Name: 1234 kB" lines, in bytes, in the order asked; -1 for a line (or file) that
   * is not there.
   */
  static long[] readKb(Path file, String... names) {
    long[] values = new long[names.length];
    java.util.Arrays.fill(values, -1);
    if (!Files.isReadable(file)) return values;
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
        for (int i = 0; i < names.length; i++) {
          if (!line.startsWith(names[i])) continue;
          String[] parts = line.substring(names[i].length()).trim().split("\\s+", -1);
          long value = Long.parseLong(parts[0]);
          values[i] = parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value;
        }
      }
    } catch (IOException | RuntimeException e) {
      java.util.Arrays.fill(values, -1);
    }
    return values;
  }
}
