package org.sermonuploader.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sermonuploader.app.UploadService;
import org.sermonuploader.config.InvalidSettingException;
import org.sermonuploader.config.Setting;
import org.sermonuploader.config.Settings;
import org.sermonuploader.config.Units;
import org.sermonuploader.engine.JournalException;
import org.sermonuploader.engine.RemoteObject;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.library.Migration;
import org.sermonuploader.memory.PressureGate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = {
      "Move the recordings kept on this computer to the configured server.",
      "They are those of the local store, used while no server was set up. Each is uploaded,"
          + " read back and checked by SHA-256 before the copy here is deleted. A stopped run is"
          + " continued by running it again.",
      "Exit codes: 0 all moved, 1 one or more not moved, 2 usage or configuration error."
    })
final class MigrateCommand extends EnvironmentCommand {
  @Mixin BandwidthOption bandwidth = new BandwidthOption();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<Settings> read = options.settingsOrSay(env, err);
    if (read.isEmpty()) return Cli.USAGE;
    Settings settings = bandwidth.apply(read.get());
    if (!settings.isSet(Setting.MINIO_ENDPOINT) && !UploadService.isTus(settings)) {
      err.println(
          "Error: no server is set up, so there is nowhere to move the recordings to. Set"
              + " MINIO_ENDPOINT (or --endpoint) first.");
      return Cli.USAGE;
    }
    List<String> notices = new ArrayList<>();
    Settings localOnly = settings.with(Setting.MINIO_ENDPOINT, "").with(Setting.DESTINATION, "s3");
    UploadService.TransferFactory.Destination localStore = null;
    try (UploadService service = UploadService.builder(settings, options.dataDir(env)).open()) {
      bandwidth.warnIfClockUnset(settings, out);
      localStore = UploadService.TransferFactory.create(localOnly, options.dataDir(env), notices);
      Migration migration =
          new Migration(
              localStore.transfer(),
              localStore.store().root().resolve(settings.get(Setting.MINIO_BUCKET)),
              UploadService.engineOptions(settings),
              service.journal(),
              service.transfer(),
              service.memory().map(m -> (PressureGate) m).orElse(PressureGate.NEVER_PRESSED));
      List<RemoteObject> waiting = migration.waiting();
      if (waiting.isEmpty()) {
        out.println("No recordings are kept on this computer; there is nothing to move.");
        return Cli.OK;
      }
      long bytes = waiting.stream().mapToLong(RemoteObject::size).sum();
      out.println(
          "Moving "
              + waiting.size()
              + " recordings ("
              + Units.size(bytes)
              + ") from this computer to "
              + service.transfer().describeDestination()
              + ".");
      ReadProgress checking = new ReadProgress(out, TerminalText.onTerminal());
      Migration.Report report =
          migration.run(
              new ProgressPrinter(out, TerminalText.onTerminal()),
              new Migration.Listener() {
                @Override
                public void checking(String serverKey, long done, long size) {
                  checking.reading(serverKey, done, size);
                }

                @Override
                public void moved(Migration.Moved m) {
                  checking.end();
                  out.println(
                      TerminalText.safe(
                          "moved      " + m.localKey() + " -> " + m.serverKey() + " (checked)"));
                }

                @Override
                public void notMoved(Migration.NotMoved n) {
                  checking.end();
                  out.println(TerminalText.safe("not moved  " + n.localKey() + ": " + n.reason()));
                }
              });
      String summary =
          report.moved().size()
              + " moved to the server, "
              + report.notMoved().size()
              + " still on this computer.";
      out.println(summary);
      List<String> lines = new ArrayList<>();
      for (Migration.NotMoved n : report.notMoved()) lines.add(n.localKey() + ": " + n.reason());
      VerifyCommand.notify(
          settings,
          "Recordings moved to the server",
          summary,
          lines,
          !report.notMoved().isEmpty(),
          err);
      return report.notMoved().isEmpty() ? Cli.OK : Cli.FAILED;
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
    } finally {
      if (localStore != null) {
        localStore.transfer().close();
        localStore.store().close();
      }
    }
  }
}
