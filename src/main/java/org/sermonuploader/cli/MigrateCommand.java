package org.sermonuploader.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import org.sermonuploader.app.MigrateRecordings;
import org.sermonuploader.app.UploadService;
import org.sermonuploader.config.Settings;
import org.sermonuploader.config.Units;
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
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<Settings> read = options.settingsOrSay(env, err);
    if (read.isEmpty()) return Cli.USAGE;
    Settings settings = bandwidth.apply(read.get());
    if (!MigrateRecordings.serverSetUp(settings)) {
      err.println(
          "Error: no server is set up, so there is nowhere to move the recordings to. Set"
              + " MINIO_ENDPOINT (or --endpoint) first.");
      return Cli.USAGE;
    }
    try (UploadService service = UploadService.builder(settings, options.dataDir(env)).open()) {
      bandwidth.warnIfClockUnset(settings, out);
      ReadProgress checking = new ReadProgress(out, TerminalText.onTerminal());
      MigrateRecordings.Outcome outcome =
          new MigrateRecordings(service, Clock.systemUTC())
              .run(
                  waiting ->
                      out.println(
                          "Moving "
                              + waiting.count()
                              + " recordings ("
                              + Units.size(waiting.bytes())
                              + ") from this computer to "
                              + service.destination()
                              + "."),
                  new ProgressPrinter(out, TerminalText.onTerminal()),
                  new MigrateRecordings.Lines() {
                    @Override
                    public void checking(String serverKey, long done, long size) {
                      checking.reading(serverKey, done, size);
                    }

                    @Override
                    public void moved(String localKey, String serverKey) {
                      checking.end();
                      out.println(
                          TerminalText.safe(
                              "moved      " + localKey + " -> " + serverKey + " (checked)"));
                    }

                    @Override
                    public void notMoved(String localKey, String reason) {
                      checking.end();
                      out.println(TerminalText.safe("not moved  " + localKey + ": " + reason));
                    }
                  },
                  why -> err.println("Note: " + why));
      if (outcome.waiting().count() == 0) {
        out.println("No recordings are kept on this computer; there is nothing to move.");
        return Cli.OK;
      }
      out.println(outcome.summary());
      return outcome.allMoved() ? Cli.OK : Cli.FAILED;
    }
  }
}
