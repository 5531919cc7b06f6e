package org.sermonuploader.cli;

import picocli.CommandLine.Command;

@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    description = "Continue every unfinished upload from the journal, where it stopped.")
final class ResumeCommand extends EnvironmentCommand {
  @Override
  public Integer call() {
    return UploadRun.run(
        options,
        env,
        spec.commandLine().getOut(),
        spec.commandLine().getErr(),
        true,
        engine -> {},
        0,
        System.console() != null);
  }
}
