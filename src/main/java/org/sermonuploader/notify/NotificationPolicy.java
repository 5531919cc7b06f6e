package org.sermonuploader.notify;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.PressureLevel;

/**
 * Which events are worth a message: a job that finished or failed, once; memory that got short, at
 * most once per quiet period, and its recovery only when the shortage was told.
 */
final class NotificationPolicy {
  /** What a change of the memory level is worth telling. */
  enum MemoryNews {
    NONE,
    SHORT,
    BACK
  }

  private final Map<Long, JobState> lastState = new ConcurrentHashMap<>();
  private final Duration pressureQuietPeriod;
  private final LongSupplier nanoTime;
  private long lastShortToldNanos;
  private boolean shortTold;

  NotificationPolicy(Duration pressureQuietPeriod, LongSupplier nanoTime) {
    this.pressureQuietPeriod = pressureQuietPeriod;
    this.nanoTime = nanoTime;
  }

  /** Whether this snapshot is news: the job just ended (done, already there or failed). */
  boolean isNews(JobSnapshot s) {
    JobState before = lastState.put(s.id(), s.state());
    if (before == s.state()) return false;
    return s.state() == JobState.DONE
        || s.state() == JobState.ALREADY_UPLOADED
        || s.state() == JobState.FAILED;
  }

  void forget(long jobId) {
    lastState.remove(jobId);
  }

  synchronized MemoryNews levelChanged(PressureLevel from, PressureLevel to) {
    if (from == PressureLevel.NORMAL && to != PressureLevel.NORMAL) {
      long now = nanoTime.getAsLong();
      // a level that comes and goes is told once per quiet period, not every time
      if (lastShortToldNanos != 0 && now - lastShortToldNanos < pressureQuietPeriod.toNanos()) {
        shortTold = false;
        return MemoryNews.NONE;
      }
      lastShortToldNanos = now;
      shortTold = true;
      return MemoryNews.SHORT;
    }
    if (to == PressureLevel.NORMAL && from != PressureLevel.NORMAL && shortTold) {
      shortTold = false;
      return MemoryNews.BACK;
    }
    return MemoryNews.NONE;
  }
}
