package org.sermonuploader.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sermonuploader.app.UploadService;
import org.sermonuploader.app.VerifyRecordings;
import org.sermonuploader.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Read stored recordings back and compare their SHA-256 with the one recorded at upload.",
      "Without names: every recording in the history and every other one under the prefix"
          + " whose SHA-256 the server holds. A stopped run continues where it stopped.",
      "A recording that does not match is read twice: two different wrong reads are an"
          + " \"unstable read\" (a flaky server or line), the same wrong read twice \"differs\".",
      "Exit codes: 0 none differs, read unstably or is missing, 1 one does,"
          + " 2 usage or configuration error."
    })
final class VerifyCommand extends EnvironmentCommand {
  @Mixin BandwidthOption bandwidth = new BandwidthOption();

  /** Where a stopped run's finished checks are kept, in the data folder. */
  static final String PROGRESS_FILE = "verify-progress.tsv";

  @Parameters(
      arity = "0..*",
      paramLabel = "NAME",
      description = "Stored names (keys) as `status` and the history show them.")
  List<String> names = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<Settings> read = options.settingsOrSay(env, err);
    if (read.isEmpty()) return Cli.USAGE;
    Settings settings = bandwidth.apply(read.get());
    try (UploadService service =
        UploadService.builder(settings, options.dataDir(env)).withoutMemoryMonitor().open()) {
      bandwidth.warnIfClockUnset(settings, out);
      ReadProgress progress = new ReadProgress(out, TerminalText.onTerminal());
      VerifyRecordings.Outcome outcome =
          new VerifyRecordings(service, Clock.systemUTC())
              .run(
                  new VerifyRecordings.Request(names, PROGRESS_FILE),
                  new VerifyRecordings.Lines() {
                    @Override
                    public void reading(String key, long done, long size) {
                      progress.reading(key, done, size);
                    }

                    @Override
                    public void checked(String line) {
                      progress.end();
                      out.println(TerminalText.safe(line));
                      out.flush();
                    }
                  },
                  why -> err.println("Note: " + why));
      out.println(outcome.summary());
      return outcome.allMatch() ? Cli.OK : Cli.FAILED;
    }
  }
}
