package org.sermonuploader.app;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.sermonuploader.engine.JournalException;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.journal.Checks;
import org.sermonuploader.library.Verifier;
import org.sermonuploader.model.RecordingCheck;

/**
 * Verify, the use case: reads stored recordings back and compares their SHA-256 with the one
 * recorded at upload. Whichever face asks (the window, the scheduled run, the command line), each
 * check is kept in the journal's {@link Checks}, so the History shows it, and the recordings that
 * differ or are missing are posted to Discord.
 */
public final class VerifyRecordings {
  /**
   * What to read back: {@code keys}, or with none every recording the history and the server know a
   * SHA-256 for; {@code progressFile} (in the data folder) keeps a stopped run's finished checks,
   * one file per face so the window and the command line don't continue each other's runs.
   */
  public record Request(List<String> keys, String progressFile) {
    public Request {
      keys = List.copyOf(keys);
    }
  }

  /** Every recording's result, and the lines of those that differ, are missing or read unstably. */
  public record Outcome(List<Verifier.Result> results, List<String> problems) {
    public Outcome {
      results = List.copyOf(results);
      problems = List.copyOf(problems);
    }

    public boolean allMatch() {
      return problems.isEmpty();
    }

    /** "12 checked: 11 ok, 1 differs", as {@link Verifier#summary} words it. */
    public String summary() {
      return Verifier.summary(results);
    }
  }

  /** Told about each recording as it is read back, and its line once it is checked. */
  public interface Lines {
    void reading(String key, long done, long size);

    /** "differs 2024/x.wav (…)": the result, as {@link Verifier#line} words it. */
    void checked(String line);
  }

  private final UploadService service;
  private final Clock clock;

  public VerifyRecordings(UploadService service, Clock clock) {
    this.service = service;
    this.clock = clock;
  }

  /** {@link #run(Request, Verifier.Listener, Consumer)}, told in lines. */
  public Outcome run(Request request, Lines lines, Consumer<String> notes)
      throws UploadException, JournalException, IOException, InterruptedException {
    return run(
        request,
        new Verifier.Listener() {
          @Override
          public void reading(String key, long done, long size) {
            lines.reading(key, done, size);
          }

          @Override
          public void checked(Verifier.Result r) {
            lines.checked(Verifier.line(r));
          }
        },
        notes);
  }

  /**
   * Runs the check; {@code listener} hears each read and result as it happens, {@code notes} why
   * the Discord post could not go out.
   */
  public Outcome run(Request request, Verifier.Listener listener, Consumer<String> notes)
      throws UploadException, JournalException, IOException, InterruptedException {
    Verifier verifier = new Verifier(service.transfer(), service.journal().history());
    boolean named = !request.keys().isEmpty();
    List<String> todo =
        named
            ? request.keys()
            : verifier.everything(EngineSettings.options(service.settings()).keys().prefix());
    String here = service.transfer().describeDestination();
    List<String> problems = new ArrayList<>();
    List<Verifier.Result> results;
    Checks checks = service.journal().checks();
    try {
      results =
          verifier.run(
              todo,
              named,
              named ? String.join("\n", request.keys()) : "",
              service.dataDir().resolve(request.progressFile()),
              new Verifier.Listener() {
                @Override
                public void reading(String key, long done, long size) {
                  listener.reading(key, done, size);
                }

                @Override
                public void checked(Verifier.Result r) {
                  try {
                    checks.record(
                        new RecordingCheck(
                            r.key(), here, r.outcome(), r.detail(), clock.instant()));
                  } catch (JournalException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                  }
                  if (r.outcome().problem()) problems.add(Verifier.line(r));
                  listener.checked(r);
                }
              });
    } catch (IllegalStateException e) {
      if (e.getCause() instanceof JournalException j) throw j;
      throw e;
    }
    Outcome outcome = new Outcome(results, problems);
    if (!outcome.allMatch()) {
      Library.post(
          service.settings(),
          "Recordings differ or are missing",
          outcome.summary(),
          problems,
          true,
          notes);
    }
    return outcome;
  }
}
