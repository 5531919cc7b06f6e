package org.sermonuploader.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "resume", mixinStandardHelpOptions = true,
    description = "Continue every unfinished upload from the journal, where it stopped.")
final class ResumeCommand implements Callable<Integer>, Cli.NeedsEnvironment {
  @Mixin CommonOptions options = new CommonOptions();
  @Spec CommandSpec spec;
  private Map<String, String> env = System.getenv();

  @Override
  public void environment(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    return UploadRun.run(options, env, spec.commandLine().getOut(), spec.commandLine().getErr(), true,
        engine -> {}, System.console() != null);
  }
}
