package org.sermonuploader.engine.s3;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.engine.JobStore;
import org.sermonuploader.engine.JournalException;
import org.sermonuploader.engine.Leftovers;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.model.HistoryEntry;
import org.sermonuploader.model.JobRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unfinished multipart uploads this computer left on the server and no longer tracks: after a crash
 * between starting an upload and writing its id down, or when an abort failed because the server
 * was away. They hold disk space on the server until they are aborted.
 *
 * <p>The server's listing gives key, upload id, start time and an initiator, but not the metadata
 * (station, original file name) set when the upload began, so ownership is decided from what this
 * computer knows. An unfinished upload counts as this computer's only when all of these hold:
 *
 * <ol>
 *   <li>its key lies under this station's key prefix;
 *   <li>this computer's journal knows the key: a job or a history line of this computer wrote to
 *       it. Leftovers arise exactly there (the journal writes the key before the upload starts);
 *   <li>no job in the journal tracks its upload id: a tracked upload is resumed, never removed;
 *   <li>when the server names initiators, it names the same one as for an upload this computer
 *       starts now (AWS names the user; MinIO and S3Proxy name one fixed owner for everybody, so
 *       there this rule decides nothing).
 * </ol>
 *
 * <p>Anything else (another client's uploads, uploads of a computer whose journal was lost) is
 * never touched. One case stays ambiguous: two computers sharing access key and prefix that both
 * uploaded a file under the same key. Give each computer its own prefix to rule it out.
 *
 * <p>An upload of this computer is removed once it is older than LEFTOVER_DAYS, and never before it
 * is an hour old: a run that has just started an upload may not have written its id yet.
 */
public final class S3Leftovers implements Leftovers {
  private static final Logger log = LoggerFactory.getLogger(S3Leftovers.class);
  static final Duration MINIMUM_AGE = Duration.ofHours(1);

  private final S3Requests requests;
  private final AbortCheck aborts;
  private final String prefix;
  private final Duration keepFor;
  private final Clock clock;

  S3Leftovers(S3Requests requests, AbortCheck aborts, Leftovers.Policy policy) {
    this.requests = requests;
    this.aborts = aborts;
    this.prefix = policy.prefix() == null ? "" : policy.prefix();
    this.keepFor = policy.keepFor().compareTo(MINIMUM_AGE) < 0 ? MINIMUM_AGE : policy.keepFor();
    this.clock = policy.clock();
  }

  @Override
  public Duration keepFor() {
    return keepFor;
  }

  @Override
  public Scan scan(JobStore journal) throws UploadException, JournalException {
    Set<String> trackedIds = new HashSet<>();
    Set<String> knownKeys = new HashSet<>();
    for (JobRecord r : journal.jobs()) {
      if (r.uploadId() != null && !r.uploadId().isEmpty()) trackedIds.add(r.uploadId());
      if (r.key() != null) knownKeys.add(r.key());
    }
    for (HistoryEntry h : journal.history()) {
      if (h.key() != null) knownKeys.add(h.key());
    }
    if (knownKeys.isEmpty()) return new Scan(List.of(), 0); // nothing can be this computer's
    List<ServerUpload> candidates = new ArrayList<>();
    int others = 0;
    for (ServerUpload u : requests.unfinishedUploads(prefix)) {
      if (trackedIds.contains(u.uploadId())) continue; // ours and alive: not a leftover
      if (u.key().startsWith(prefix) && knownKeys.contains(u.key())) candidates.add(u);
      else others++;
    }
    List<Leftover> ours = new ArrayList<>();
    if (!candidates.isEmpty()) {
      String me = ownInitiator();
      Instant now = clock.instant();
      for (ServerUpload u : candidates) {
        if (me != null && u.initiator() != null && !me.equals(u.initiator())) {
          others++;
          continue;
        }
        boolean due = u.initiated() != null && !u.initiated().plus(keepFor).isAfter(now);
        ours.add(new Leftover(u.key(), u.uploadId(), u.initiated(), due));
      }
    }
    return new Scan(ours, others);
  }

  /**
   * Who the server says starts this client's uploads, or null when it says nothing. Learned from a
   * probe upload that is aborted at once. MinIO and S3Proxy name one fixed initiator for everybody;
   * AWS names the user, so there it tells access keys apart.
   */
  private @Nullable String ownInitiator() throws UploadException {
    String probe = ".sermon-uploader/connection-test";
    String id = requests.createUpload(probe, null);
    try {
      return requests.listParts(probe, id, 1, null).initiator();
    } finally {
      requests.abort(probe, id);
    }
  }

  @Override
  public List<Leftover> removeDue(JobStore journal) throws UploadException, JournalException {
    List<Leftover> removed = new ArrayList<>();
    for (Leftover l : scan(journal).ours()) {
      if (!l.due() || !aborts.abortUnlessItDeletes(l.key(), l.uploadId())) continue;
      log.info(
          "Removed an unfinished upload left on the server: {} (started {})",
          l.key(),
          l.initiated());
      removed.add(l);
    }
    return removed;
  }
}
