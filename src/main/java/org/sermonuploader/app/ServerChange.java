package org.sermonuploader.app;

import java.util.List;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.engine.JournalException;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.model.JobRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * New settings that send to another server or bucket. An upload begun on the old one cannot go on
 * on the new one: its parts are there. Left alone, the new server would take every part again and
 * refuse only the final step, so the file went up twice and the old parts stayed behind. Instead
 * the volunteer is asked first, the old uploads are aborted where they are, and each file starts at
 * 0 on the new server, once.
 */
public final class ServerChange {
  private static final Logger log = LoggerFactory.getLogger(ServerChange.class);

  /** What the row of such a file says until it runs again. */
  public static final String STARTS_AGAIN = "starts again on the new server";

  private static final List<Setting> PLACE =
      List.of(
          Setting.DESTINATION, Setting.MINIO_ENDPOINT, Setting.MINIO_BUCKET, Setting.TUS_ENDPOINT);

  private ServerChange() {}

  /** Whether {@code after} sends recordings somewhere else than {@code before}. */
  public static boolean movesServer(Settings before, Settings after) {
    for (Setting s : PLACE) {
      if (!before.get(s).strip().equals(after.get(s).strip())) return true;
    }
    return false;
  }

  /** The files whose upload has begun on the running service's server and is not finished. */
  public static int begunUploads(UploadService running) throws JournalException {
    int n = 0;
    for (JobRecord r : running.journal().unfinished()) if (begun(r)) n++;
    return n;
  }

  /**
   * Closes the running service, aborting each begun upload on its server (best effort: a server
   * that does not answer keeps its parts until its own clean-up) and recording that the file starts
   * at 0 on the next. Returns how many files start again.
   */
  public static int closeStartingOver(UploadService running) {
    int[] moved = {0};
    running.close(
        (transfer, journal) -> {
          for (JobRecord r : journal.unfinished()) {
            if (!begun(r)) continue;
            if (r.key() != null && r.uploadId() != null) {
              try {
                transfer.abort(r.key(), r.uploadId());
              } catch (UploadException e) {
                log.warn(
                    "Could not abort the upload of {} on the old server: {}",
                    r.path(),
                    e.getMessage());
              }
            }
            journal.setUpload(r.id(), null, null, 0, r.size(), r.mtimeMillis());
            journal.updateState(r.id(), r.state(), STARTS_AGAIN, null);
            moved[0]++;
          }
        });
    log.info("{} unfinished uploads start again on the new server", moved[0]);
    return moved[0];
  }

  private static boolean begun(JobRecord r) {
    return r.key() != null || r.uploadId() != null;
  }
}
