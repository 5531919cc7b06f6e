package org.sermonuploader.cli;

import java.nio.file.Path;
import java.util.List;
import org.sermonuploader.app.UploadRecordings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "upload",
    mixinStandardHelpOptions = true,
    description = "Upload files; a folder adds the audio and video files inside it.")
final class UploadCommand extends EnvironmentCommand {
  @Mixin BandwidthOption bandwidth = new BandwidthOption();

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE|DIR",
      description = "Recordings or folders of recordings.")
  List<Path> paths;

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    UploadRecordings.Expansion expansion = UploadRecordings.expand(paths);
    for (UploadRecordings.Skipped s : expansion.skipped())
      out.println(TerminalText.safe("skipped  " + s.path() + ": " + s.reason()));
    if (expansion.files().isEmpty()) {
      err.println("Error: no audio or video files to upload.");
      return Cli.USAGE;
    }
    int skippedGiven =
        (int) expansion.skipped().stream().filter(s -> paths.contains(s.path())).count();
    return UploadRun.run(
        options,
        bandwidth,
        env,
        out,
        err,
        false,
        expansion.files(),
        skippedGiven,
        TerminalText.onTerminal());
  }
}
