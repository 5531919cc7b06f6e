package org.sermonuploader.library;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.engine.RemoteObject;
import org.sermonuploader.engine.ReservedKeys;
import org.sermonuploader.engine.Transfer;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.model.CheckOutcome;
import org.sermonuploader.model.HistoryEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks stored recordings against the SHA-256 known for them: the one this computer recorded when
 * it uploaded (the history), else the one stored with the object (metadata, tag or marker). Each
 * finished check is written to a progress file at once, so a run that is stopped continues with the
 * recordings it had not checked yet.
 *
 * <p>A recording whose SHA-256 does not match is read a second time: it "differs" only when both
 * reads give the same wrong SHA-256; a second read that matches makes it "ok" (the first read was
 * damaged on the way, which is logged); two different wrong reads are an "unstable read".
 */
public final class Verifier {
  private static final Logger log = LoggerFactory.getLogger(Verifier.class);

  /** One recording's check; {@code earlier} when a stopped run had already done it. */
  public record Result(
      String key, CheckOutcome outcome, @Nullable String detail, boolean earlier) {}

  /** Told about each recording as it is read and when its check is done. */
  public interface Listener {
    void reading(String key, long done, long size);

    void checked(Result result);
  }

  private final Transfer transfer;
  private final Map<String, HistoryEntry> history = new LinkedHashMap<>();

  /**
   * {@code finished}: this computer's finished uploads, oldest first. Only those stored where
   * {@code transfer} points count: a recording kept in the local store before a server was set up
   * is not missing from the server, it is waiting for `migrate`.
   */
  public Verifier(Transfer transfer, List<HistoryEntry> finished) {
    this.transfer = transfer;
    String here = transfer.describeDestination();
    for (HistoryEntry h : finished) {
      if (h.key() != null && h.sha256() != null && here.equals(h.destination())) {
        history.put(h.key(), h);
      }
    }
  }

  /**
   * The recordings a run without names checks: those in the history, then every other object under
   * {@code prefix} whose SHA-256 the server holds (other stations' recordings). Nothing inside
   * {@link ReservedKeys#PREFIX} is a recording.
   */
  public List<String> everything(String prefix) throws UploadException {
    Set<String> keys = new LinkedHashSet<>(history.keySet());
    for (RemoteObject o : transfer.list(prefix)) {
      if (!ReservedKeys.contains(o.key())) keys.add(o.key());
    }
    return new ArrayList<>(keys);
  }

  /**
   * Checks each key, skipping those the progress file already holds from a stopped run of the same
   * request; the file is removed once every key was checked. With {@code named} false (the keys
   * came from {@link #everything(String)}), an object with no known SHA-256 is left out.
   */
  public List<Result> run(
      List<String> keys, boolean named, String request, Path progressFile, Listener listener)
      throws UploadException, IOException, InterruptedException {
    List<Result> results = new ArrayList<>();
    try (VerifyProgress progress = VerifyProgress.open(progressFile, request)) {
      for (String key : keys) {
        Optional<Result> done = progress.earlier(key);
        Result r = done.isPresent() ? done.get() : check(key, listener);
        if (done.isEmpty()) progress.record(r);
        if (named || r.outcome() != CheckOutcome.NO_CHECKSUM) {
          results.add(r);
          listener.checked(r);
        }
      }
      progress.finished();
    }
    return results;
  }

  /** A line per result, as the command line prints it and Discord gets it. */
  public static String line(Result r) {
    return String.format("%-18s %s", r.outcome().words(), r.key())
        + (r.detail() == null || r.detail().isEmpty() ? "" : "  (" + r.detail() + ")")
        + (r.earlier() ? "  [checked before the stop]" : "");
  }

  /**
   * "Checked 3: 2 ok, 1 differs, 0 missing, 0 no checksum known."; unstable reads are rare and
   * named only when there were some.
   */
  public static String summary(List<Result> results) {
    Map<CheckOutcome, Integer> counts = new EnumMap<>(CheckOutcome.class);
    for (Result r : results) counts.merge(r.outcome(), 1, Integer::sum);
    List<String> parts = new ArrayList<>();
    for (CheckOutcome o : CheckOutcome.values()) {
      if (!o.readBack() || (o == CheckOutcome.UNSTABLE_READ && !counts.containsKey(o))) continue;
      parts.add(counts.getOrDefault(o, 0) + " " + o.words());
    }
    return "Checked " + results.size() + ": " + String.join(", ", parts) + ".";
  }

  private Result check(String key, Listener listener) throws UploadException, InterruptedException {
    HistoryEntry sent = history.get(key);
    Optional<RemoteObject> found = transfer.find(key);
    if (found.isEmpty()) return new Result(key, CheckOutcome.MISSING, "not on the server", false);
    RemoteObject there = found.get();
    String expected = sent != null ? sent.sha256() : there.sha256Hex();
    if (expected == null) {
      return new Result(key, CheckOutcome.NO_CHECKSUM, "no SHA-256 is recorded for it", false);
    }
    if (sent != null && sent.size() != there.size()) {
      return new Result(
          key,
          CheckOutcome.DIFFERS,
          "its size is " + there.size() + " bytes, " + sent.size() + " were sent",
          false);
    }
    String first = RemoteHash.of(transfer, there, pos -> listener.reading(key, pos, there.size()));
    if (first.equalsIgnoreCase(expected)) return new Result(key, CheckOutcome.OK, null, false);
    // one read is not proof: a byte flipped on the way must not call an intact recording damaged
    log.warn("{}: read back with SHA-256 {}, expected {}; reading it again", key, first, expected);
    String second = RemoteHash.of(transfer, there, pos -> listener.reading(key, pos, there.size()));
    if (second.equalsIgnoreCase(expected)) {
      log.warn("{}: the second read matched; the first read was damaged on the way", key);
      return new Result(key, CheckOutcome.OK, "the first read differed, the second matched", false);
    }
    if (second.equalsIgnoreCase(first)) {
      return new Result(
          key, CheckOutcome.DIFFERS, "SHA-256 is " + first + ", expected " + expected, false);
    }
    log.warn("{}: two reads gave two different SHA-256s: {} and {}", key, first, second);
    return new Result(
        key,
        CheckOutcome.UNSTABLE_READ,
        "two reads gave SHA-256 " + first + " and " + second + ", expected " + expected,
        false);
  }
}
