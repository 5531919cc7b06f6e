package org.sermonuploader.stations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sermonuploader.engine.JournalException;
import org.sermonuploader.engine.UploadEngine;
import org.sermonuploader.memory.MemoryMonitor;
import org.sermonuploader.model.HistoryEntry;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.PressureLevel;
import org.sermonuploader.model.StationReport;
import org.sermonuploader.model.StationState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running engine's state and work, as a heartbeat tells them. */
public final class EngineFacts implements StationFacts {
  private static final Logger log = LoggerFactory.getLogger(EngineFacts.class);
  static final int LAST_FINISHED = 10;

  private final UploadEngine engine;
  private final Optional<MemoryMonitor> memory;
  private final Path dataDir;
  private final RecentHistory recent;

  /** The newest finished uploads, newest first (the journal's history, read a page at a time). */
  @FunctionalInterface
  public interface RecentHistory {
    List<HistoryEntry> newest(int count) throws JournalException;
  }

  public EngineFacts(
      UploadEngine engine, Optional<MemoryMonitor> memory, Path dataDir, RecentHistory recent) {
    this.engine = engine;
    this.memory = memory;
    this.dataDir = dataDir;
    this.recent = recent;
  }

  @Override
  public StationState state() {
    return stateOf(engine.jobs(), memory.map(MemoryMonitor::level).orElse(PressureLevel.NORMAL));
  }

  /** The station's state from its jobs: trouble first, then work, then rest. */
  static StationState stateOf(List<JobSnapshot> jobs, PressureLevel level) {
    boolean working = false;
    boolean waiting = false;
    boolean paused = false;
    boolean failed = false;
    boolean lowMemory = false;
    for (JobSnapshot j : jobs) {
      switch (j.state()) {
        case PAUSED_LOW_MEMORY -> lowMemory = true;
        case WAITING_FOR_SERVER -> waiting = true;
        case QUEUED, UPLOADING, RECORDING, VERIFYING, PAUSING, CANCELLING -> working = true;
        case PAUSED -> paused = true;
        case FAILED -> failed = true;
        default -> {}
      }
    }
    if (lowMemory || (working && level != PressureLevel.NORMAL)) {
      return StationState.PAUSED_LOW_MEMORY;
    }
    if (waiting) return StationState.WAITING_FOR_SERVER;
    if (working) return StationState.UPLOADING;
    if (paused) return StationState.PAUSED;
    if (failed) return StationState.FAILING;
    return StationState.IDLE;
  }

  @Override
  public StationReport.Activity activity() {
    List<JobSnapshot> jobs = engine.jobs();
    PressureLevel level = memory.map(MemoryMonitor::level).orElse(PressureLevel.NORMAL);
    List<StationReport.Upload> uploads = new ArrayList<>();
    int queued = 0;
    for (JobSnapshot j : jobs) {
      if (j.state().finished()) continue;
      queued++;
      if (j.state() == JobState.UPLOADING || j.state() == JobState.RECORDING) {
        uploads.add(
            new StationReport.Upload(
                j.fileName(), (int) Math.floor(j.fraction() * 100), (long) j.bytesPerSecond()));
      }
    }
    return new StationReport.Activity(
        stateOf(jobs, level),
        uploads,
        queued,
        lastFinished(),
        freeDisk(),
        level.words(),
        engine.bandwidth().inForce().up().bytesPerSecond());
  }

  private List<StationReport.Finished> lastFinished() {
    List<HistoryEntry> history;
    try {
      history = recent.newest(LAST_FINISHED);
    } catch (JournalException e) {
      log.debug("History not read for the heartbeat: {}", e.getMessage());
      return List.of();
    }
    List<StationReport.Finished> out = new ArrayList<>();
    for (HistoryEntry h : history) {
      if (out.size() == LAST_FINISHED) break;
      out.add(
          new StationReport.Finished(
              h.fileName(), h.size(), h.sha256(), h.finishedAt(), h.outcome().words()));
    }
    return out;
  }

  private long freeDisk() {
    try {
      return Files.getFileStore(dataDir).getUsableSpace();
    } catch (IOException e) {
      return -1;
    }
  }
}
