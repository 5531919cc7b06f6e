package org.sermonuploader.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sermonuploader.app.Library;
import org.sermonuploader.app.UploadService;
import org.sermonuploader.config.InvalidSettingException;
import org.sermonuploader.config.Settings;
import org.sermonuploader.engine.JournalException;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.library.Verifier;
import org.sermonuploader.memory.PressureGate;
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
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<Settings> read = options.settingsOrSay(env, err);
    if (read.isEmpty()) return Cli.USAGE;
    Settings settings = bandwidth.apply(read.get());
    try (UploadService service =
        UploadService.builder(settings, options.dataDir(env))
            .gateOnly(PressureGate.NEVER_PRESSED)
            .open()) {
      bandwidth.warnIfClockUnset(settings, out);
      Verifier verifier = new Verifier(service.transfer(), service.journal().history());
      boolean named = !names.isEmpty();
      List<String> keys =
          named
              ? names
              : verifier.everything(UploadService.engineOptions(settings).keys().prefix());
      ReadProgress progress = new ReadProgress(out, TerminalText.onTerminal());
      List<String> problems = new ArrayList<>();
      List<Verifier.Result> results =
          verifier.run(
              keys,
              named,
              named ? String.join("\n", names) : "",
              options.dataDir(env).resolve(PROGRESS_FILE),
              new Verifier.Listener() {
                @Override
                public void reading(String key, long done, long size) {
                  progress.reading(key, done, size);
                }

                @Override
                public void checked(Verifier.Result r) {
                  progress.end();
                  String line = Verifier.line(r);
                  out.println(TerminalText.safe(line));
                  out.flush();
                  if (r.outcome().problem()) problems.add(line);
                }
              });
      String summary = Verifier.summary(results);
      out.println(summary);
      if (!problems.isEmpty()) {
        notify(settings, "Recordings differ or are missing", summary, problems, true, err);
      }
      return problems.isEmpty() ? Cli.OK : Cli.FAILED;
    } catch (InvalidSettingException e) {
      err.println("Error: " + e.getMessage());
      return Cli.USAGE;
    } catch (UploadException e) {
      err.println(TerminalText.safe("Error: " + e.describe()));
      return Cli.FAILED;
    } catch (JournalException e) {
      return Cli.journalProblem(e, err);
    } catch (java.io.IOException e) {
      err.println("Error: " + e.getMessage());
      return Cli.FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Cli.FAILED;
    }
  }

  /** The post goes out before the command ends. */
  static void notify(
      Settings settings,
      String title,
      String summary,
      List<String> lines,
      boolean problem,
      PrintWriter err) {
    Library.post(settings, title, summary, lines, problem, why -> err.println("Note: " + why));
  }
}
