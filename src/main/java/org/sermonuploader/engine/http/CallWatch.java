package org.sermonuploader.engine.http;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.Call;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.concurrent.Threads;

/**
 * The deadlines of one call, checked by one shared ticker. OkHttp's read and write timeouts start
 * again with every byte, so a server that sends one byte a second never trips them; this watch
 * measures the whole wait instead and cancels the call once a deadline passes.
 *
 * <p>Two rules: while waiting (to connect and send the request head, or for the answer's head) the
 * call has a fixed deadline; while a body moves (the request's upload, the answer's download) it
 * must move at least {@link #MIN_PROGRESS} bytes per timeout of time spent blocked on the network.
 * Time the app itself spends between reads or writes (a bandwidth limit, a slow disk) is not
 * counted.
 */
final class CallWatch {
  /** "A few kB": far below any useful link, far above a server that dribbles bytes. */
  static final long MIN_PROGRESS = 4096;

  private static final Duration TICK = Duration.ofMillis(200);
  private static final Set<CallWatch> LIVE = ConcurrentHashMap.newKeySet();
  private static final ScheduledExecutorService TICKER =
      Executors.newSingleThreadScheduledExecutor(Threads.daemon("http-deadlines"));

  static {
    Threads.every(TICKER, TICK, "Checking request deadlines", CallWatch::tickAll);
  }

  private enum Phase {
    WAITING,
    MOVING,
    DONE
  }

  private final Call call;
  private final long ioNanos;
  private Phase phase = Phase.WAITING;
  private long deadline;
  private String waitingFor = "";
  private long moved;
  private long markMoved;
  private long blockedSinceMark;
  private long blockedFrom;
  private boolean blocked;
  private volatile @Nullable String fired;

  private CallWatch(Call call, Duration io) {
    this.call = call;
    this.ioNanos = io.toNanos();
  }

  /** Watches {@code call}, which must have its answer's head within {@code first}. */
  static CallWatch start(Call call, Duration io, Duration first) {
    CallWatch w = new CallWatch(call, io);
    w.waitFor(first, "no answer");
    LIVE.add(w);
    return w;
  }

  /** From now, the next step must happen within {@code limit}. */
  synchronized void waitFor(Duration limit, String what) {
    if (phase == Phase.DONE) return;
    phase = Phase.WAITING;
    deadline = System.nanoTime() + limit.toNanos();
    waitingFor = what + " within " + seconds(limit);
  }

  /** A body starts to move: from now the progress rule applies. */
  synchronized void moving() {
    if (phase == Phase.DONE) return;
    phase = Phase.MOVING;
    markMoved = moved;
    blockedSinceMark = 0;
    blocked = false;
  }

  /** The app hands bytes to the network or asks it for some: the clock runs until it returns. */
  synchronized void blockStart() {
    blocked = true;
    blockedFrom = System.nanoTime();
  }

  synchronized void blockEnd(long bytes) {
    if (blocked) blockedSinceMark += System.nanoTime() - blockedFrom;
    blocked = false;
    moved += Math.max(0, bytes);
    if (moved - markMoved >= MIN_PROGRESS) {
      markMoved = moved;
      blockedSinceMark = 0;
    }
  }

  /** The call ended, well or not: nothing more to watch. */
  void done() {
    synchronized (this) {
      phase = Phase.DONE;
    }
    LIVE.remove(this);
  }

  /** {@code e} as the reason the caller sees: the deadline, when it was this watch that cut. */
  IOException explain(IOException e) {
    String why = fired;
    return why == null || e instanceof TooSlowAnswer ? e : new TooSlowAnswer(why, e);
  }

  private static void tickAll() {
    long now = System.nanoTime();
    for (CallWatch w : LIVE) w.tick(now);
  }

  private void tick(long now) {
    String why = null;
    synchronized (this) {
      if (phase == Phase.WAITING && now - deadline > 0) {
        why = waitingFor;
      } else if (phase == Phase.MOVING) {
        long waited = blockedSinceMark + (blocked ? now - blockedFrom : 0);
        if (waited > ioNanos) {
          why =
              "less than "
                  + MIN_PROGRESS / 1024
                  + " KB moved in "
                  + seconds(Duration.ofNanos(ioNanos));
        }
      }
      if (why == null) return;
      fired = why;
      phase = Phase.DONE;
    }
    LIVE.remove(this);
    call.cancel();
  }

  private static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + " s" : String.format("%.1f s", ms / 1000.0);
  }
}
