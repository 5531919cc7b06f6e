package org.sermonuploader.engine;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import org.sermonuploader.bandwidth.SendThrottle;
import org.sermonuploader.memory.PressureGate;
import org.sermonuploader.model.JobState;

/**
 * Sends a file no larger than one part in a single PUT once its key is chosen: its SHA-256 is
 * computed as it is read, then it is streamed from the file. A server that already holds this very
 * recording under the key (an answer cut off earlier) counts as done.
 */
final class SingleRequestSender {
  private final Transfer transfer;
  private final JobLedger ledger;
  private final Retrier retrier;
  private final RunControl control;
  private final KeyChooser keys;
  private final PressureGate gate;
  private final SendThrottle throttle;

  SingleRequestSender(
      Transfer transfer,
      JobLedger ledger,
      Retrier retrier,
      RunControl control,
      KeyChooser keys,
      PressureGate gate,
      SendThrottle throttle) {
    this.transfer = transfer;
    this.ledger = ledger;
    this.retrier = retrier;
    this.control = control;
    this.keys = keys;
    this.gate = gate;
    this.throttle = throttle;
  }

  void send(UploadJob job, UploadPlan plan, FileChannel channel)
      throws IOException, UploadException, RunEnd, JournalException, InterruptedException {
    PartPipeline.awaitMemory(gate, ledger, control, job);
    MessageDigest digest = FilePart.sha256();
    FilePart part = FilePart.read(channel, 0, plan.size(), new byte[FilePart.SCRATCH], digest);
    byte[] sum = digest.digest();
    String hex = HexFormat.of().formatHex(sum);
    String b64 = Base64.getEncoder().encodeToString(sum);
    job.sha256 = hex;
    TransferSession session = transfer.open(plan, null);
    if (FileWaits.changedSinceStart(job)) throw RunEnd.changed(RunEnd.CHANGED_WHILE_SENT);
    try {
      // the key was found free a moment ago; a server with conditional writes refuses it if taken
      // since
      if (!transfer.refusesTakenKeys()) keys.checkStillFree(job, plan);
      sendWhole(job, part, session, b64, hex);
    } catch (UploadException e) {
      // an earlier run or try whose answer was cut off (a pause, a dropped line) may have stored
      // it: then the name is taken by this very recording, not by another station's
      if (e.kind() != UploadException.Kind.KEY_TAKEN
          || (job.keyUnlooked && !job.keyWritten)
          || !keys.holdsThisRecording(job, plan, hex)) throw e;
    }
    job.confirmedBytes.set(plan.size());
    job.partsSent.incrementAndGet();
    ledger.finish(job, JobState.DONE, KeyChooser.doneMessage(job));
  }

  private void sendWhole(
      UploadJob job, FilePart part, TransferSession session, String b64, String hex)
      throws UploadException, RunEnd, InterruptedException, IOException {
    AtomicLong streamed = PartPipeline.prepare(part, job, throttle, control);
    try {
      PartPipeline.sendPrepared(
          job,
          part,
          streamed,
          session,
          retrier,
          control,
          () -> session.sendWhole(part, b64, hex),
          // a write that failed for another reason than a taken name may have landed
          e -> {
            if (e.kind() != UploadException.Kind.KEY_TAKEN) job.keyWritten = true;
          });
    } finally {
      job.streamingBytes.addAndGet(-streamed.get());
    }
  }
}
