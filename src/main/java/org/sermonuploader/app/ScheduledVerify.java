package org.sermonuploader.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.concurrent.Threads;
import org.sermonuploader.config.InvalidSettingException;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.library.Verifier;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * VERIFY_EVERY: reads every stored recording back at most once per period, only while no upload
 * runs, so the check never takes bandwidth from a Sunday's recording. When it last ran is kept in
 * the journal's file, so a restart neither repeats it nor skips it.
 */
public final class ScheduledVerify implements AutoCloseable {
  static final String RUN_NAME = "scheduled-verify";
  static final String PROGRESS_FILE = "verify-progress-scheduled.tsv";
  private static final Logger log = LoggerFactory.getLogger(ScheduledVerify.class);
  private static final Pattern PERIOD = Pattern.compile("(\\d+)\\s*([dhm])");

  private final Library library;
  private final Duration period;
  private final Clock clock;
  private @Nullable ScheduledExecutorService timer;

  public ScheduledVerify(Library library, Duration period, Clock clock) {
    this.library = library;
    this.period = period;
    this.clock = clock;
  }

  /** The VERIFY_EVERY period; empty when off. */
  public static Optional<Duration> period(Settings s) {
    String v = s.get(Setting.VERIFY_EVERY).trim().toLowerCase(Locale.ROOT);
    if (v.isEmpty() || v.equals("off")) return Optional.empty();
    Matcher m = PERIOD.matcher(v);
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw new InvalidSettingException(
          Setting.VERIFY_EVERY, "must be a number of days, hours or minutes (7d, 12h, 90m) or off");
    }
    long n = Long.parseLong(m.group(1));
    return Optional.of(
        switch (m.group(2)) {
          case "d" -> Duration.ofDays(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofMinutes(n);
        });
  }

  /** Looks every {@code every} whether a run is due, on its own thread. */
  public ScheduledVerify start(Duration every) {
    timer = Executors.newSingleThreadScheduledExecutor(Threads.daemon("scheduled-verify"));
    // tickLogged catches its own failures and the task ends only with shutdownNow: nothing to
    // collect
    var unused =
        timer.scheduleWithFixedDelay(
            this::tickLogged, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  private void tickLogged() {
    try {
      tick();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // the next look tries again; the stopped run's finished checks are kept
      log.warn("The scheduled verify stopped: {}", e.toString());
    }
  }

  /**
   * Runs the verify when it is due and no upload runs; returns its results, or empty when it did
   * not run.
   */
  public Optional<List<Verifier.Result>> tick() throws Exception {
    Instant now = clock.instant();
    Optional<Instant> last = library.service().journal().checks().lastRun(RUN_NAME);
    if (last.isPresent() && last.get().plus(period).isAfter(now)) return Optional.empty();
    if (!quiet()) return Optional.empty();
    log.info("Scheduled verify of every stored recording (VERIFY_EVERY {})", period);
    List<Verifier.Result> results =
        new VerifyRecordings(library.service(), clock)
            .run(
                new VerifyRecordings.Request(List.of(), PROGRESS_FILE),
                new Verifier.Listener() {
                  @Override
                  public void reading(String key, long done, long size) {}

                  @Override
                  public void checked(Verifier.Result r) {
                    log.info("Scheduled verify: {}", Verifier.line(r));
                  }
                },
                note -> log.warn("Scheduled verify: {}", note))
            .results();
    library.service().journal().checks().ranAt(RUN_NAME, clock.instant());
    log.info("Scheduled verify: {}", Verifier.summary(results));
    return Optional.of(results);
  }

  /** No upload is running or waiting to run; paused ones wait for the volunteer. */
  private boolean quiet() {
    for (JobSnapshot j : library.service().engine().jobs()) {
      JobState s = j.state();
      if (!s.finished() && s != JobState.PAUSED && s != JobState.WAITING_FOR_FILE) return false;
    }
    return true;
  }

  @Override
  public void close() {
    if (timer != null) timer.shutdownNow();
  }
}
