package org.sermonuploader.engine;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.concurrent.Threads;
import org.sermonuploader.config.Units;
import org.sermonuploader.memory.PressureGate;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.PartRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads a recording while it is being made (S3 only): each full part goes up as soon as the
 * recorder has written it, part 1 (the header, which recorders rewrite at the end) last. Once the
 * recording has ended ({@link RecordingEnd}) a final pass reads the file once more, computes its
 * SHA-256 and every part's CRC32C, sends again the parts that changed since they were sent, and
 * completes the upload under the usual no-overwrite rules. Every part sent is in the journal, so a
 * restart carries on with what the server holds, whether the recorder is still writing or not.
 */
final class LiveRunner {
  private static final Logger log = LoggerFactory.getLogger(LiveRunner.class);
  private static final long POLL_MILLIS = 250;

  private final EngineOptions options;
  private final Transfer transfer;
  private final JobLedger ledger;
  private final RunControl control;
  private final Retrier retrier;
  private final KeyChooser keys;
  private final PressureGate gate;
  private final ExecutorService senders =
      Executors.newCachedThreadPool(Threads.numbered("live-part-sender"));
  private volatile LiveOptions live = LiveOptions.OFF;

  LiveRunner(
      EngineOptions options,
      Transfer transfer,
      JobLedger ledger,
      RunControl control,
      Retrier retrier,
      KeyChooser keys,
      PressureGate gate) {
    this.options = options;
    this.transfer = transfer;
    this.ledger = ledger;
    this.control = control;
    this.retrier = retrier;
    this.keys = keys;
    this.gate = gate;
  }

  void configure(LiveOptions options) {
    this.live = options;
  }

  /** Whether recordings still being written are followed as they grow. */
  boolean following() {
    return live.enabled() && transfer.uploadsWhileRecording();
  }

  /**
   * Whether this run of {@code job} follows its file: it is being recorded, or was followed before.
   */
  boolean takes(UploadJob job) {
    if (!transfer.uploadsWhileRecording()) return false;
    if (LiveLayout.isLive(job.partSize)) return true;
    if (!live.enabled() || job.uploadId != null || job.key != null) return false;
    return RecordingEnd.recording(job.path);
  }

  /**
   * Follows the job's file to its end and completes the upload. Returns false when the job is to go
   * on the ordinary way: the recording ended before a second part was full, or is too long for
   * 10,000 parts of this layout; the job is then as if never followed.
   */
  boolean run(UploadJob job, Function<UploadJob, Map<String, String>> metadata)
      throws RunEnd, UploadException, JournalException, InterruptedException {
    LiveLayout layout =
        LiveLayout.isLive(job.partSize)
            ? LiveLayout.ofJournal(job.partSize, live.maxParts())
            : new LiveLayout(options.partSize(), live.maxParts());
    try (FileChannel channel = FileChannel.open(job.path, StandardOpenOption.READ)) {
      Following f = new Following(job, layout, channel, metadata);
      if (f.finishedBefore()) return true;
      if (!f.follow()) return true; // already uploaded
      if (f.session == null || !layout.fits(job.size)) {
        f.giveUp();
        return false;
      }
      f.finalPass();
      return true;
    } catch (AccessDeniedException e) {
      throw UploadException.fatal("The file can't be read (no permission).", "FileUnreadable", e);
    } catch (NoSuchFileException e) {
      throw RunEnd.fileGone("not found: " + job.path, e);
    } catch (EOFException e) {
      throw RunEnd.changed("The file got shorter while it was uploaded.");
    } catch (IOException e) {
      throw RunEnd.fileGone(e.toString(), e);
    }
  }

  /** One run over one growing file. */
  private final class Following {
    final UploadJob job;
    final LiveLayout layout;
    final FileChannel channel;
    final Function<UploadJob, Map<String, String>> metadata;
    final byte[] scratch = new byte[FilePart.SCRATCH];
    @Nullable TransferSession session;
    @Nullable LiveSender sender;

    Following(
        UploadJob job,
        LiveLayout layout,
        FileChannel channel,
        Function<UploadJob, Map<String, String>> metadata) {
      this.job = job;
      this.layout = layout;
      this.channel = channel;
      this.metadata = metadata;
    }

    /** A run that got as far as complete before an interruption may find the object there. */
    boolean finishedBefore()
        throws UploadException, IOException, RunEnd, InterruptedException, JournalException {
      if (job.uploadId == null || job.key == null || job.sha256 == null) return false;
      job.size = Files.size(job.path);
      return keys.finishedBeforeInterruption(job, plan(job.size));
    }

    /** Sends each part from 2 on as soon as it is full, until the recording ends. */
    boolean follow()
        throws RunEnd, IOException, UploadException, JournalException, InterruptedException {
      RecordingEnd end =
          new RecordingEnd(
              job.path,
              live.quiet().toMillis(),
              System::currentTimeMillis,
              OpenWriters::heldForWriting);
      job.confirmedBytes.set(0);
      job.streamingBytes.set(0);
      job.rate.reset();
      Map<Integer, PartRecord> known = Map.of();
      Map<Integer, String> onServer = Map.of();
      if (job.uploadId != null && job.key != null) {
        String prior = job.uploadId;
        TransferSession s = retrier.call(job, () -> transfer.open(plan(job.size), prior));
        onServer = retrier.call(job, s::confirmedParts);
        known = ledger.journal().parts(job.id);
        start(s);
        log.info("Following {} again: {} parts on the server", job.path, onServer.size());
      } else {
        log.info("Following {} while it is recorded", job.path);
      }
      int next = 2;
      try {
        while (true) {
          control.checkStop(job);
          if (sender != null) sender.checkFailure();
          long size = Files.size(job.path);
          long mtime = Files.getLastModifiedTime(job.path).toMillis();
          job.size = size;
          job.mtime = mtime;
          if (end.ended(size, mtime)) break;
          for (; layout.full(next, size) && next <= layout.maxParts(); next++) {
            PartRecord r = known.get(next);
            String etag = onServer.get(next);
            if (r != null && etag != null && r.size() == layout.partSize() && r.crc32c() != null) {
              sender().held(next, etag, r.crc32c());
              job.confirmedBytes.addAndGet(r.size());
              continue;
            }
            if (session == null && !begin(size, mtime)) return false;
            long offset = layout.offset(next);
            FilePart part = FilePart.read(channel, offset, layout.partSize(), scratch, null);
            sender().send(next, offset, part);
          }
          ledger.show(
              job, JobState.RECORDING, Units.size(job.confirmedBytes.get()) + " sent so far", null);
          RunControl.sleep(job, POLL_MILLIS);
        }
        if (sender != null) sender().awaitAll();
      } catch (RunEnd | IOException | UploadException | InterruptedException e) {
        if (sender != null) sender().drain();
        throw e;
      }
      log.info(
          "{} has ended at {} bytes ({})",
          job.path.getFileName(),
          job.size,
          end.writerSeen() ? "its writer closed it" : "no change for the quiet time");
      return true;
    }

    /**
     * Chooses the key and starts the multipart upload. Returns false when the same recording is
     * already on the server (the job has ended as "already uploaded").
     */
    boolean begin(long size, long mtime)
        throws UploadException, RunEnd, JournalException, InterruptedException, IOException {
      if (job.key == null) {
        job.partSize = layout.journalPartSize();
        Optional<String> key = keys.choose(job, channel);
        if (key.isEmpty()) return false;
        job.key = key.get();
      }
      UploadPlan plan = plan(size);
      TransferSession s = retrier.call(job, () -> transfer.open(plan, null));
      job.uploadId = s.uploadId();
      ledger
          .journal()
          .setUpload(job.id, job.key, job.uploadId, layout.journalPartSize(), size, mtime);
      ledger.publish(job);
      start(s);
      return true;
    }

    void start(TransferSession s) {
      session = s;
      sender =
          new LiveSender(
              job,
              s,
              ledger,
              retrier,
              control,
              gate,
              senders,
              options.bandwidth().throttle(),
              options.partsInFlight());
    }

    LiveSender sender() {
      LiveSender s = sender;
      if (s == null) throw new IllegalStateException("no upload started");
      return s;
    }

    UploadPlan plan(long size) {
      Map<String, String> meta = new TreeMap<>(metadata.apply(job));
      // the size is not known when the upload starts
      meta.remove("size");
      return new UploadPlan(
          java.util.Objects.requireNonNull(job.key), size, LiveLayout.FIRST, meta, job.path);
    }

    /** Leaves the job as if never followed: the ordinary path uploads the finished file. */
    void giveUp() throws JournalException {
      String id = job.uploadId;
      String key = job.key;
      if (id != null && key != null) {
        try {
          transfer.abort(key, id);
        } catch (UploadException e) {
          log.warn("Could not abort the live upload of {}: {}", job.path, e.getMessage());
        }
      }
      log.info("{} is uploaded the ordinary way now that it has ended", job.path.getFileName());
      job.uploadId = null;
      job.key = null;
      job.partSize = 0;
      job.confirmedBytes.set(0);
      ledger.journal().setUpload(job.id, null, null, 0, job.size, job.mtime);
      ledger.show(job, JobState.UPLOADING, null, null);
    }

    /**
     * Reads the finished file once more: its SHA-256, and each part's CRC32C against what was sent;
     * a part that changed since (the header, always part 1) is sent again; then complete.
     */
    void finalPass()
        throws RunEnd, IOException, UploadException, JournalException, InterruptedException {
      long size = job.size;
      // the journal keeps the size the upload started with: writing the upload again would drop
      // the parts it holds, and the final pass would send every part once more
      String uploadId = java.util.Objects.requireNonNull(job.uploadId);
      ledger.show(job, JobState.UPLOADING, "the recording has ended; sending the last parts", null);
      UploadPlan plan = plan(size);
      TransferSession fin = retrier.call(job, () -> transfer.open(plan, uploadId));
      Map<Integer, String> onServer = retrier.call(job, fin::confirmedParts);
      Map<Integer, PartRecord> known = ledger.journal().parts(job.id);
      start(fin);
      LiveSender s = sender();
      long held = 0;
      for (int n = 1; n <= layout.count(size); n++) {
        PartRecord r = known.get(n);
        if (r != null && onServer.containsKey(n) && r.size() == layout.length(n, size))
          held += r.size();
      }
      job.confirmedBytes.set(held);
      job.streamingBytes.set(0);
      job.rate.reset();
      MessageDigest digest = FilePart.sha256();
      try {
        for (int n = 1; n <= layout.count(size); n++) {
          control.checkStop(job);
          s.checkFailure();
          long offset = layout.offset(n);
          long length = layout.length(n, size);
          FilePart part = FilePart.read(channel, offset, length, scratch, digest);
          PartRecord r = known.get(n);
          String etag = onServer.get(n);
          if (r != null && etag != null && r.size() == length) {
            if (part.crc32c().equals(r.crc32c())) {
              s.held(n, etag, part.crc32c());
              job.partsSkipped.incrementAndGet();
              continue;
            }
            job.confirmedBytes.addAndGet(-length);
            if (n > 1) log.info("Part {} of {} changed after it was sent", n, job.path);
          }
          s.send(n, offset, part);
        }
        s.awaitAll();
      } catch (RunEnd | IOException | UploadException | InterruptedException e) {
        s.drain();
        throw e;
      }
      if (FileWaits.changedSinceStart(job)) throw RunEnd.changed(RunEnd.CHANGED_WHILE_SENT);
      String hex = HexFormat.of().formatHex(digest.digest());
      job.sha256 = hex;
      ledger.saveWithHash(job, JobState.VERIFYING, "finishing the upload on the server", hex);
      List<TransferSession.SentPart> parts = new ArrayList<>(s.sent().values());
      if (parts.size() != layout.count(size)) {
        throw new IllegalStateException(
            "parts missing: " + parts.size() + " of " + layout.count(size));
      }
      keys.checkStillFree(job, plan);
      RemoteObject result;
      try {
        result = retrier.call(job, () -> fin.complete(parts, hex));
      } catch (UploadException e) {
        if (e.kind() != UploadException.Kind.UPLOAD_GONE) throw e;
        result = keys.completedBeforeInterruption(job, plan, hex, e);
      }
      if (result.size() != size) {
        throw UploadException.fatal(
            "The server stored a different size than the file has.", "SizeMismatch", null);
      }
      ledger.finish(job, JobState.DONE, KeyChooser.doneMessage(job));
    }
  }
}
