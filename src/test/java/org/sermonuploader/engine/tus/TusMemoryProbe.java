package org.sermonuploader.engine.tus;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.sermonuploader.model.JobSnapshot;

/**
 * Uploads one file through the engine and TusTransfer, then prints its outcome and the peak heap in
 * use. Run by {@link TusMemoryBoundTest} in a JVM with a heap smaller than the file.
 */
public final class TusMemoryProbe {
  private TusMemoryProbe() {}

  public static void main(String[] args) throws Exception {
    String endpoint = args[0];
    Path file = Path.of(args[1]);
    Path dataDir = Path.of(args[2]);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    AtomicLong peak = new AtomicLong();
    Thread sampler =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                  Thread.sleep(5);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
    try (EngineRig rig = new EngineRig(dataDir)) {
      rig.start(endpoint, Map.of(), 2);
      long id = rig.add(file);
      JobSnapshot done = rig.awaitFinished(id, 120);
      sampler.interrupt();
      System.out.println(
          "RESULT "
              + done.state()
              + " "
              + done.sha256()
              + " peakHeapBytes="
              + peak.get()
              + " maxHeapBytes="
              + Runtime.getRuntime().maxMemory());
    }
    System.exit(0);
  }
}
