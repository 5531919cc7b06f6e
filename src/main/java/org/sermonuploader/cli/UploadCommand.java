package org.sermonuploader.cli;

import java.nio.file.Path;
import java.util.List;
import org.sermonuploader.engine.JournalException;
import org.sermonuploader.engine.MediaFiles;
import org.sermonuploader.model.SermonDetails;
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
    MediaFiles.Expansion expansion = MediaFiles.expand(paths);
    for (MediaFiles.Skipped s : expansion.skipped())
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
        engine -> {
          int notQueued = 0;
          for (Path p : expansion.files()) {
            try {
              engine.add(p, SermonDetails.NONE);
            } catch (JournalException e) {
              // not uploaded: counted as failed in the summary, with the reason here
              notQueued++;
              out.println(TerminalText.safe("FAILED  " + p.getFileName() + ": " + e.getMessage()));
            }
          }
          return notQueued;
        },
        skippedGiven,
        TerminalText.onTerminal());
  }
}
