package org.sermonuploader.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    description = "Continue every unfinished upload from the journal, where it stopped.")
final class ResumeCommand extends EnvironmentCommand {
  @Mixin BandwidthOption bandwidth = new BandwidthOption();

  @Override
  public Integer call() throws Exception {
    return UploadRun.run(
        options,
        bandwidth,
        env,
        spec.commandLine().getOut(),
        spec.commandLine().getErr(),
        true,
        List.of(),
        0,
        TerminalText.onTerminal());
  }
}
