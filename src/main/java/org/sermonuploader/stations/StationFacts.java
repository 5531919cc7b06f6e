package org.sermonuploader.stations;

import org.sermonuploader.model.StationReport;
import org.sermonuploader.model.StationState;

/** What a heartbeat tells of its station, asked on the heartbeat's own thread. */
public interface StationFacts {
  /** The state now; asked every second, so it must be cheap. */
  StationState state();

  /** Everything a heartbeat holds of the station's work; asked once per write. */
  StationReport.Activity activity();
}
