package org.sermonuploader.stations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.UploadEngine;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.engine.s3.S3Transfer;
import org.sermonuploader.journal.Journal;
import org.sermonuploader.memory.PressureGate;
import org.sermonuploader.model.HistoryEntry;
import org.sermonuploader.model.StationReport;
import org.sermonuploader.model.UploadOutcome;

/** The heartbeat tells the other stations each finished upload's outcome in its plain words. */
class EngineFactsTest {
  @TempDir Path tmp;

  @Test
  void lastFinishedCarriesTheOutcomesWordsAsTheHistoryShowsThem() throws Exception {
    Instant at = Instant.parse("2026-12-06T09:00:00Z");
    List<HistoryEntry> history = new ArrayList<>();
    for (UploadOutcome o : UploadOutcome.values()) {
      at = at.minusSeconds(60);
      history.add(
          new HistoryEntry(
              history.size() + 1, o.name() + ".wav", o.name() + ".wav", 1, null, at, 1, 1, o, "s"));
    }
    try (EmbeddedStore store = S3TestSupport.startStore(tmp.resolve("store"));
        Journal journal = Journal.open(tmp.resolve("data"));
        S3Transfer transfer = S3TestSupport.transfer(store);
        UploadEngine engine =
            new UploadEngine(
                S3TestSupport.options(), journal, transfer, PressureGate.NEVER_PRESSED)) {
      EngineFacts facts = new EngineFacts(engine, Optional.empty(), tmp, n -> history);
      assertEquals(
          List.of("done", "done, under a new name", "already uploaded"),
          facts.activity().lastFinished().stream().map(StationReport.Finished::outcome).toList());
    }
  }
}
